import { DateTime } from 'luxon';
import { isActive, ineligibility } from '../schedule/shift-assignment.js';
import { quarterOf } from '../schedule/quarter.js';
import type { Membership, ResponderAvailability } from '../schedule/schedule.types.js';
import type { OpenSlot, SlotAssignmentExplanation, SlotCandidate } from './slot-round.events.js';

export interface Stretch {
  start: string;
  end: string;
}

/** What the automatic assignment knows of one participant when the round closes. */
export interface CandidateFacts {
  availability: ResponderAvailability;
  /** Their other on-call stretches (any rotation, turns of this rotation aside) during the round. */
  busy: Stretch[];
  /** Weekend slots they already hold, in any rotation, from earlier rounds. */
  heldSlots: Stretch[];
  /** Rounded to hundredths: the figure recorded is the figure compared. */
  onCallHoursLast12Months: number;
}

export interface RoundFacts {
  /** The rotation's zone: quarters are calendar quarters there. */
  timeZone: string;
  /** The rotation's participants in turn order; those active at a slot's start are its candidates. */
  participants: Membership[];
  candidates: Record<string, CandidateFacts>;
  hoursFrom: string;
  hoursTo: string;
}

export interface Pick extends Stretch {
  responderId: string;
}

export type SlotOutcome =
  | { slotId: string; responderId: string; explanation: SlotAssignmentExplanation }
  | { slotId: string; responderId?: undefined; explanation: SlotAssignmentExplanation };

const overlaps = (a: Stretch, start: number, end: number) => Date.parse(a.start) < end && start < Date.parse(a.end);

/**
 * Fills the open slots one by one, earliest first. Each slot goes to a participant who is not
 * restricted, not unavailable and not on call elsewhere during it, preferring the fewest weekend
 * slots in the slot's quarter, then the fewest on-call hours over the last twelve months, then
 * the longest since their last slot, then the turn order. Picks made earlier in the round count.
 * Pure: the same round and facts always give the same outcome.
 */
export function assignOpenSlots(open: OpenSlot[], confirmed: Pick[], facts: RoundFacts): SlotOutcome[] {
  const picks = [...confirmed];
  const ordered = [...open].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start) || a.slotId.localeCompare(b.slotId),
  );
  return ordered.map((slot) => {
    const explanation = explain(slot, picks, facts);
    const chosen = explanation.candidates.find((c) => c.rank === 1);
    if (!chosen) return { slotId: slot.slotId, explanation };
    picks.push({ responderId: chosen.responderId, start: slot.start, end: slot.end });
    return { slotId: slot.slotId, responderId: chosen.responderId, explanation };
  });
}

function explain(slot: OpenSlot, picks: Pick[], facts: RoundFacts): SlotAssignmentExplanation {
  const [start, end] = [Date.parse(slot.start), Date.parse(slot.end)];
  const quarter = quarterOf(start, facts.timeZone);
  const ids = [...new Set(facts.participants.filter((m) => isActive(m, start)).map((m) => m.responderId))];
  const candidates = ids.map((responderId, order) => {
    const known = facts.candidates[responderId];
    const slots = [...(known?.heldSlots ?? []), ...picks.filter((p) => p.responderId === responderId)];
    const before = slots.filter((s) => Date.parse(s.start) < start).map((s) => Date.parse(s.end));
    const candidate: SlotCandidate = {
      responderId,
      weekendSlotsThisQuarter: slots.filter(
        (s) => quarter.start <= Date.parse(s.start) && Date.parse(s.start) < quarter.end,
      ).length,
      onCallHoursLast12Months: known?.onCallHoursLast12Months ?? 0,
      ...(before.length > 0 ? { lastSlotEnd: new Date(Math.max(...before)).toISOString() } : {}),
    };
    const why = ineligibility(known?.availability, start, end);
    const busy = [...(known?.busy ?? []), ...slots].some((s) => overlaps(s, start, end));
    if (why || busy) candidate.excluded = why ?? 'ON_CALL';
    return { candidate, order };
  });
  const eligible = candidates.filter((c) => !c.candidate.excluded).sort(compare);
  eligible.forEach((c, i) => (c.candidate.rank = i + 1));
  return {
    quarter: quarter.label,
    hoursFrom: facts.hoursFrom,
    hoursTo: facts.hoursTo,
    candidates: [...eligible, ...candidates.filter((c) => c.candidate.excluded)].map((c) => c.candidate),
  };
}

function compare(a: { candidate: SlotCandidate; order: number }, b: { candidate: SlotCandidate; order: number }) {
  return (
    a.candidate.weekendSlotsThisQuarter - b.candidate.weekendSlotsThisQuarter ||
    a.candidate.onCallHoursLast12Months - b.candidate.onCallHoursLast12Months ||
    lastSlot(a.candidate) - lastSlot(b.candidate) ||
    a.order - b.order
  );
}

/** Never having had a slot is the longest time since one. */
const lastSlot = (c: SlotCandidate) => (c.lastSlotEnd ? Date.parse(c.lastSlotEnd) : -Infinity);

/** Twelve calendar months back from `instant`, in `zone`. */
export function twelveMonthsBefore(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone }).minus({ months: 12 }).toUTC().toISO()!;
}
