import type { DomainEvent } from '@app/event-store/pure';
import type { SlotFill } from '../schedule/schedule.types.js';

export interface OpenSlot {
  slotId: string;
  start: string;
  end: string;
}

/** Why a candidate could not take a slot. */
export const SLOT_EXCLUSIONS = ['RESTRICTED', 'UNAVAILABLE', 'ON_CALL'] as const;
export type SlotExclusion = (typeof SLOT_EXCLUSIONS)[number];

/** One candidate of an automatic assignment, with the figures compared. */
export interface SlotCandidate {
  responderId: string;
  /** 1 = chosen; absent when excluded. */
  rank?: number;
  excluded?: SlotExclusion;
  /** Weekend slots held in the slot's quarter, this round's earlier picks included. */
  weekendSlotsThisQuarter: number;
  /** On-call hours over the twelve months before the deadline. */
  onCallHoursLast12Months: number;
  /** End of their latest slot before this one; absent: never. */
  lastSlotEnd?: string;
}

/** What an automatic assignment compared, so that "why me?" has an answer. */
export interface SlotAssignmentExplanation {
  /** Calendar quarter of the slot in the rotation's zone, e.g. 2026-Q3. */
  quarter: string;
  hoursFrom: string;
  hoursTo: string;
  /** Chosen first, then the others in the order compared, then those excluded. */
  candidates: SlotCandidate[];
}

export interface SlotRoundPublishedData {
  roundId: string;
  rotationId: string;
  title: string;
  /** The zone the slots and deadline were given in. */
  timeZone: string;
  slots: OpenSlot[];
  deadline: string;
  publishedBy: string;
  publishedAt: string;
}

interface SlotVolunteer {
  roundId: string;
  rotationId: string;
  slotId: string;
  responderId: string;
  at: string;
}

export type SlotRoundEvent =
  | DomainEvent<'SlotRoundPublished', SlotRoundPublishedData>
  | DomainEvent<'SlotVolunteered', SlotVolunteer>
  | DomainEvent<'SlotVolunteerWithdrawn', SlotVolunteer>
  | DomainEvent<
      'SlotAssigned',
      {
        roundId: string;
        rotationId: string;
        slotId: string;
        responderId: string;
        start: string;
        end: string;
        how: SlotFill;
        explanation?: SlotAssignmentExplanation;
      }
    >
  | DomainEvent<
      'SlotLeftOpen',
      { roundId: string; rotationId: string; slotId: string; explanation: SlotAssignmentExplanation }
    >
  | DomainEvent<'SlotRoundClosed', { roundId: string; rotationId: string; closedAt: string }>;

export const SLOT_ROUND_EVENT_TYPES: ReadonlyArray<SlotRoundEvent['type']> = [
  'SlotRoundPublished',
  'SlotVolunteered',
  'SlotVolunteerWithdrawn',
  'SlotAssigned',
  'SlotLeftOpen',
  'SlotRoundClosed',
];

export const slotRoundStream = (roundId: string) => `slot-round-${roundId}`;
