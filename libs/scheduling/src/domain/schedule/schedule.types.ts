/**
 * The data a schedule is computed from. Instants are ISO-8601 strings in UTC; wall-clock values
 * ("HH:mm", "YYYY-MM-DD") are read in the rotation's IANA time zone.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface Handoff {
  /** Required for weekly cycles. */
  weekday?: Weekday;
  /** "HH:mm" */
  time: string;
}

export const SHIFT_CYCLES = ['daily', 'weekly'] as const;
export type ShiftCycleKind = (typeof SHIFT_CYCLES)[number];

export interface ShiftPattern {
  cycle: ShiftCycleKind;
  /** Handoff points within one cycle; a shift starts at each. */
  handoffs: Handoff[];
  /** ISO-8601 duration in wall-clock time (PT6H); without it a shift lasts until the next handoff. */
  shiftDuration?: string;
  /** How many participants are on call in each shift. */
  respondersPerShift: number;
}

export interface ClockWindow {
  /** Days the window applies to; all days when empty. */
  weekdays: Weekday[];
  /** "HH:mm" */
  start: string;
  /** "HH:mm", or "24:00" for the end of the day. */
  end: string;
}

export interface Membership {
  responderId: string;
  /** Instant from which the responder takes part; always when absent. */
  from?: string;
  /** Instant from which the responder no longer takes part. */
  until?: string;
}

export interface Override {
  overrideId: string;
  /** Who covers. */
  responderId: string;
  /** Whom they cover for; absent: the rotation's first responder on call, or nobody (extra coverage). */
  replacesResponderId?: string;
  start: string;
  end: string;
  /** The zone the span was given in. */
  timeZone: string;
  note?: string;
  createdBy: string;
  /** Set when the replaced responder ended their shift early (`endShiftNow`): the override covers the rest of it. */
  endsShiftEarly?: boolean;
}

export interface ShiftRef {
  shiftStart: string;
  responderId: string;
}

export interface Swap {
  swapId: string;
  first: ShiftRef;
  second: ShiftRef;
  createdBy: string;
}

export interface RotationSchedule {
  rotationId: string;
  timeZone: string;
  /** "YYYY-MM-DD": the first shift starts at the first handoff on or after this date. */
  startDate: string;
  pattern: ShiftPattern;
  /** When on-call applies; always when empty. */
  coverageWindows: ClockWindow[];
  /** Where this rotation's on-call responder is the DRI among overlapping rotations. */
  driWindows: ClockWindow[];
  participants: Membership[];
  shadows: Membership[];
  overrides: Override[];
  swaps: Swap[];
  /** Weekend and holiday slots filled from slot rounds (absent: none). */
  slots?: AssignedSlot[];
  /** Later patterns or zones, each from a handoff on, in order (absent: none). */
  scheduleChanges?: ScheduleChange[];
  /** Turn orders, each from an instant on, in order (absent: the participants' listed order). */
  turnOrders?: TurnOrder[];
  /** No shift runs from this instant on. */
  archivedAt?: string;
}

/** From `effectiveAt` (a handoff of the schedule before it) on, shifts follow `pattern` in `timeZone`. */
export interface ScheduleChange {
  effectiveAt: string;
  pattern: ShiftPattern;
  timeZone: string;
}

/** From `effectiveAt` on, participants take turns in this order (ids not listed follow, as listed). */
export interface TurnOrder {
  effectiveAt: string;
  order: string[];
}

/** How a weekend or holiday slot got its responder. */
export const SLOT_FILLS = ['VOLUNTEER', 'AUTOMATIC'] as const;
export type SlotFill = (typeof SLOT_FILLS)[number];

/** Why someone is on call, as answers name it: their turn, a swap, an override, or a slot (volunteered or assigned). */
export const ON_CALL_REASON_KINDS = ['TURN', 'SWAP', 'OVERRIDE', 'VOLUNTEER', 'AUTOMATIC'] as const;

/** A rotation's lifecycle as answers show it. */
export const ROTATION_STATES = ['ACTIVE', 'ARCHIVED'] as const;

/** A slot of a slot round with its responder, as recorded when the round closed. */
export interface AssignedSlot {
  roundId: string;
  slotId: string;
  responderId: string;
  start: string;
  end: string;
  how: SlotFill;
}

export interface Span {
  start: string;
  /** Open-ended when absent. */
  end?: string;
}

export interface ResponderAvailability {
  responderId: string;
  /** Local-law restriction periods: never scheduled while one is in force. */
  restrictions: Span[];
  unavailability: Array<Span & { spanId: string }>;
  /** From this instant on, the responder is never on call. */
  deactivatedAt?: string;
}
