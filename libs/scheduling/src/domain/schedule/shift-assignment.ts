import type { BaseShift } from './shift-calendar.js';
import type { Membership, ResponderAvailability, RotationSchedule, Span, TurnOrder } from './schedule.types.js';

export const INELIGIBILITIES = ['RESTRICTED', 'UNAVAILABLE'] as const;
export type Ineligibility = (typeof INELIGIBILITIES)[number];

export interface SkippedResponder {
  responderId: string;
  why: Ineligibility;
}

export type AssignmentReason =
  | { kind: 'TURN'; skipped: SkippedResponder[] }
  | { kind: 'SWAP'; swapId: string; swappedWith: string; skipped: SkippedResponder[] };

export interface Assignment {
  responderId: string;
  reason: AssignmentReason;
}

export type AvailabilityLookup = (responderId: string) => ResponderAvailability | undefined;

export function isActive(membership: Membership, at: number): boolean {
  return (
    (membership.from === undefined || Date.parse(membership.from) <= at) &&
    (membership.until === undefined || at < Date.parse(membership.until))
  );
}

function overlaps(span: Span, start: number, end: number): boolean {
  const spanEnd = span.end === undefined ? Infinity : Date.parse(span.end);
  return Date.parse(span.start) < end && start < spanEnd;
}

export function ineligibility(
  availability: ResponderAvailability | undefined,
  start: number,
  end: number,
): Ineligibility | undefined {
  if (!availability) return undefined;
  if (availability.deactivatedAt !== undefined && end > Date.parse(availability.deactivatedAt)) return 'UNAVAILABLE';
  if (availability.restrictions.some((span) => overlaps(span, start, end))) return 'RESTRICTED';
  if (availability.unavailability.some((span) => overlaps(span, start, end))) return 'UNAVAILABLE';
  return undefined;
}

/**
 * Who takes a shift: the participants active at its start take turns in their listed order,
 * `respondersPerShift` at a time. Someone restricted or unavailable during the shift is skipped
 * for the next in order. Swaps then trade the shift between the two responders named.
 */
export function assignShift(
  shift: BaseShift,
  schedule: Pick<RotationSchedule, 'participants' | 'pattern' | 'swaps'> &
    Partial<Pick<RotationSchedule, 'turnOrders'>>,
  availability: AvailabilityLookup,
): Assignment[] {
  const active = schedule.participants.filter((m) => isActive(m, shift.start)).map((m) => m.responderId);
  const unique = inTurnOrder([...new Set(active)], schedule.turnOrders ?? [], shift.start);
  const perShift = shift.respondersPerShift ?? schedule.pattern.respondersPerShift;
  const picked: string[] = [];
  const skipped: SkippedResponder[] = [];
  for (let slot = 0; slot < perShift && picked.length < unique.length; slot++) {
    for (let k = 0; k < unique.length; k++) {
      const candidate = unique[(shift.number * perShift + slot + k) % unique.length];
      if (picked.includes(candidate)) continue;
      const why = ineligibility(availability(candidate), shift.start, shift.end);
      if (why) {
        if (!skipped.some((s) => s.responderId === candidate)) skipped.push({ responderId: candidate, why });
        continue;
      }
      picked.push(candidate);
      break;
    }
  }
  const deactivated = (id: string) => {
    const at = availability(id)?.deactivatedAt;
    return at !== undefined && shift.end > Date.parse(at);
  };
  return applySwaps(shift, picked, skipped, schedule.swaps, deactivated);
}

/** The latest turn order in force at `at` ranks the ids it names; the others follow, as listed. */
function inTurnOrder(ids: string[], orders: TurnOrder[], at: number): string[] {
  const order = orders.filter((o) => Date.parse(o.effectiveAt) <= at).at(-1)?.order;
  if (!order) return ids;
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length : i;
  };
  return ids
    .map((id, listed) => ({ id, listed }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.listed - b.listed)
    .map((entry) => entry.id);
}

function applySwaps(
  shift: BaseShift,
  picked: string[],
  skipped: SkippedResponder[],
  swaps: RotationSchedule['swaps'],
  deactivated: (responderId: string) => boolean,
): Assignment[] {
  const assignments: Assignment[] = picked.map((responderId) => ({ responderId, reason: { kind: 'TURN', skipped } }));
  for (const swap of swaps) {
    for (const [mine, theirs] of [
      [swap.first, swap.second],
      [swap.second, swap.first],
    ] as const) {
      if (Date.parse(mine.shiftStart) !== shift.start) continue;
      const assignment = assignments.find((a) => a.responderId === mine.responderId);
      // a swap recorded before its taker was deactivated no longer puts them on call
      if (!assignment || deactivated(theirs.responderId)) continue;
      assignment.responderId = theirs.responderId;
      assignment.reason = { kind: 'SWAP', swapId: swap.swapId, swappedWith: mine.responderId, skipped };
    }
  }
  return assignments;
}
