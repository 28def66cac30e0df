import { ACTOR_FIELDS, type ActorView } from '../common/actor.js';

export const ROTATIONS = `
  query ScheduleRotations {
    rotations(first: 100) { nodes { id name team timeZone } }
  }`;

export const ROTATION_SHIFTS = `
  query RotationShifts($id: ID!, $from: DateTime!, $to: DateTime!) {
    rotation(id: $id) {
      id name timeZone
      participants { responder { id name handle } }
      shifts(from: $from, to: $to) {
        shiftId shiftStart shiftEnd shiftNumber start end
        responder { id name handle }
        reason {
          kind overrideId swapId slotRoundId
          actor { ${ACTOR_FIELDS} }
          replaced { id name }
          swappedWith { id name }
        }
      }
    }
  }`;

/** Delivered when who is on call in the rotation changes (h-15d's subscriptions); the page then refetches. */
export const ON_CALL_LIVE = `subscription SchedulesLive($rotationId: ID) { onCallChanged(rotationId: $rotationId) { rotation { id } } }`;

export const RESPONDERS = `query OverrideResponders { responders(first: 100) { nodes { id name team } } }`;

export const SCHEDULE_OVERRIDE = `
  mutation ScheduleOverride($input: ScheduleOverrideInput!) {
    scheduleOverride(input: $input) { id start end responder { name } replaces { name } createdBy { ${ACTOR_FIELDS} } }
  }`;

export const CANCEL_OVERRIDE = `
  mutation CancelOverride($overrideId: ID!, $rotationId: ID!) {
    cancelOverride(overrideId: $overrideId, rotationId: $rotationId) { id }
  }`;

export const SWAP_SHIFTS = `
  mutation SwapShifts($input: SwapShiftsInput!) {
    swapShifts(input: $input) {
      id first { shiftStart responder { name } } second { shiftStart responder { name } }
      createdBy { ${ACTOR_FIELDS} }
    }
  }`;

export const SLOT_ROUNDS = `
  query SlotRounds($rotationId: ID!) {
    slotRounds(rotationId: $rotationId, first: 10) {
      nodes {
        id title closed closedAt volunteerDeadline timeZone
        publishedBy { ${ACTOR_FIELDS} }
        slots {
          id start end how
          volunteer { id name }
          assignee { id name }
          explanation {
            quarter hoursFrom hoursTo
            candidates {
              rank excluded weekendSlotsThisQuarter onCallHoursLast12Months lastSlotEnd
              responder { id name }
            }
          }
        }
      }
    }
  }`;

export const VOLUNTEER = `
  mutation VolunteerForSlot($input: SlotVolunteerInput!) { volunteerForSlot(input: $input) { id } }`;

export const WITHDRAW = `
  mutation WithdrawFromSlot($input: SlotVolunteerInput!) { withdrawFromSlot(input: $input) { id } }`;

export interface Person {
  id: string;
  name: string;
  handle?: string;
}

export interface RotationSummary {
  id: string;
  name: string;
  team: string;
  timeZone: string;
}

export interface RotationDetail extends RotationSummary {
  participants: { responder: Person }[];
}

export type ReasonKind = 'TURN' | 'OVERRIDE' | 'SWAP' | 'VOLUNTEER' | 'AUTOMATIC';

export interface Shift {
  shiftId: string | null;
  shiftStart: string | null;
  shiftEnd: string | null;
  shiftNumber: number | null;
  start: string;
  end: string;
  responder: Person;
  reason: {
    kind: ReasonKind;
    overrideId: string | null;
    swapId: string | null;
    slotRoundId: string | null;
    actor: ActorView | null;
    replaced: Person | null;
    swappedWith: Person | null;
  };
}

export interface SlotCandidate {
  rank: number | null;
  excluded: 'ON_CALL' | 'RESTRICTED' | 'UNAVAILABLE' | null;
  weekendSlotsThisQuarter: number;
  onCallHoursLast12Months: number;
  lastSlotEnd: string | null;
  responder: Person;
}

export interface Slot {
  id: string;
  start: string;
  end: string;
  how: 'VOLUNTEER' | 'AUTOMATIC' | null;
  volunteer: Person | null;
  assignee: Person | null;
  explanation: { quarter: string; hoursFrom: string; hoursTo: string; candidates: SlotCandidate[] } | null;
}

export interface SlotRound {
  id: string;
  title: string;
  closed: boolean;
  closedAt: string | null;
  volunteerDeadline: string;
  timeZone: string;
  publishedBy: ActorView;
  slots: Slot[];
}
