import type { ReadAccessTable } from '@app/core';

/**
 * Who may read each field of the scheduling context's GraphQL types (see FieldAccess in @app/core).
 * Everything on the schedule is for readers, except why someone is unavailable and the raw history holding it: admins and managers only.
 */
export const schedulingReadAccess: ReadAccessTable = {
  ClockWindowModel: { readers: ['end', 'start', 'weekdays'] },
  Handoff: { readers: ['time', 'weekday'] },
  OnCallReason: {
    readers: ['actor', 'kind', 'overrideId', 'replaced', 'skipped', 'slot', 'slotRoundId', 'swapId', 'swappedWith'],
  },
  OnCallShift: {
    readers: ['end', 'isDri', 'reason', 'responder', 'rotation', 'shiftEnd', 'shiftNumber', 'shiftStart', 'start'],
  },
  Override: { readers: ['createdBy', 'end', 'id', 'note', 'replaces', 'responder', 'rotation', 'start', 'timeZone'] },
  OverrideConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  SwapConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  UnavailableSpanConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  ResponderConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  RotationConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  SlotRoundConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  Responder: {
    readers: [
      'handle',
      'id',
      'name',
      'onCallRestricted',
      'deactivatedFrom',
      'role',
      'shifts',
      'state',
      'team',
      'timeZone',
      'unavailability',
      'workingHours',
    ],
    leads: ['history'],
  },
  Rotation: {
    readers: [
      'archivedAt',
      'coverageWindows',
      'driWindows',
      'history',
      'id',
      'name',
      'nextScheduleChange',
      'overrides',
      'participants',
      'pattern',
      'shadows',
      'shifts',
      'startDate',
      'state',
      'swaps',
      'team',
      'timeZone',
    ],
  },
  RotationChangePayload: { readers: ['rotation', 'warnings'] },
  ResponderChangePayload: { readers: ['responder', 'warnings'] },
  ScheduleChange: { readers: ['effectiveAt', 'pattern', 'timeZone'] },
  TimeSpan: { readers: ['end', 'start'] },
  WorkingHoursWarning: { readers: ['localHours', 'message', 'responder', 'rotation', 'shifts', 'timeZone'] },
  RotationMember: { readers: ['from', 'responder', 'until'] },
  RotationOnCall: { readers: ['at', 'dri', 'onCall', 'rotation', 'shadows'] },
  ShiftPattern: { readers: ['cycle', 'handoffs', 'respondersPerShift', 'shiftDuration'] },
  ShiftSide: { readers: ['responder', 'shiftStart'] },
  SkippedResponder: { readers: ['responder', 'why'] },
  Slot: { readers: ['assignee', 'end', 'explanation', 'how', 'id', 'start', 'volunteer'] },
  SlotAssignmentExplanation: { readers: ['candidates', 'hoursFrom', 'hoursTo', 'quarter'] },
  SlotCandidate: {
    readers: ['excluded', 'lastSlotEnd', 'onCallHoursLast12Months', 'rank', 'responder', 'weekendSlotsThisQuarter'],
  },
  SlotRound: {
    readers: ['closed', 'closedAt', 'id', 'publishedBy', 'rotation', 'slots', 'timeZone', 'title', 'volunteerDeadline'],
  },
  Swap: { readers: ['createdBy', 'first', 'id', 'rotation', 'second'] },
  UnavailableSpan: { readers: ['end', 'responder', 'spanId', 'start'], leads: ['reason'] },
};
