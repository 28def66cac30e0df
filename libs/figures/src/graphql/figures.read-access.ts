import type { ReadAccessTable } from '@app/core';

/**
 * Who may read each field of the figures context's GraphQL types (see FieldAccess in @app/core).
 * Readers.
 */
export const figuresReadAccess: ReadAccessTable = {
  AcknowledgementStats: {
    readers: [
      'acknowledged',
      'acknowledgedWithinSlo',
      'escalations',
      'medianSecondsToAcknowledge',
      'p90SecondsToAcknowledge',
      'withinSloShare',
    ],
  },
  EscalationFigures: { readers: ['from', 'teams', 'timeZone', 'to', 'total', 'weeks'] },
  ParticipantLoad: { readers: ['hours', 'responder'] },
  ResponderOnCallHours: { readers: ['offHours', 'responder', 'totalHours', 'workingHours'] },
  RotationLoad: {
    readers: [
      'aboveThreshold',
      'from',
      'leastLoaded',
      'meanHours',
      'mostLoaded',
      'participants',
      'rotation',
      'spreadHours',
      'thresholdHours',
      'to',
    ],
  },
  TeamEscalationFigures: { readers: ['stats', 'team'] },
  WeekEscalationFigures: { readers: ['stats', 'teams', 'week', 'weekStart'] },
  WeekendSlotCount: { readers: ['count', 'responder', 'slots'] },
  WeekendSlotTaken: { readers: ['end', 'rotation', 'start'] },
  WeekendThankYou: { readers: ['markdown', 'people', 'quarter'] },
};
