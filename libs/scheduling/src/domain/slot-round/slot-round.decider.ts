import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deterministicId, type Decider } from '@app/event-store/pure';
import { ineligibility, isActive } from '../schedule/shift-assignment.js';
import type { Membership, ResponderAvailability, SlotFill } from '../schedule/schedule.types.js';
import { assignOpenSlots, type Pick, type RoundFacts } from './slot-fairness.js';
import type {
  OpenSlot,
  SlotAssignmentExplanation,
  SlotRoundEvent,
  SlotRoundPublishedData,
} from './slot-round.events.js';

export interface RoundSlot extends OpenSlot {
  volunteerId?: string;
  assigneeId?: string;
  how?: SlotFill;
  explanation?: SlotAssignmentExplanation;
}

export interface SlotRound extends Omit<SlotRoundPublishedData, 'slots'> {
  slots: RoundSlot[];
  closedAt?: string;
}

export type SlotRoundState = SlotRound | null;

/** A round covers a period (a weekend, a holiday season), not a year. */
const MAX_ROUND_DAYS = 92;

export type SlotRoundCommand =
  | ({ type: 'PublishSlotRound'; now: string } & Omit<SlotRoundPublishedData, 'publishedAt'>)
  | {
      type: 'Volunteer';
      roundId: string;
      slotId: string;
      responderId: string;
      now: string;
      availability: ResponderAvailability;
      participants: Membership[];
    }
  | { type: 'WithdrawVolunteer'; roundId: string; slotId: string; responderId: string; now: string }
  | { type: 'CloseSlotRound'; roundId: string; taskId: string; now: string; facts: RoundFacts };

function existing(state: SlotRoundState, roundId: string): SlotRound {
  if (!state) throw new NotFoundError('Slot round', roundId);
  return state;
}

function openForVolunteers(round: SlotRound, now: string, slotId: string): RoundSlot {
  if (round.closedAt || Date.parse(now) >= Date.parse(round.deadline)) {
    throw new ConflictError('Volunteering for this round closed at its deadline', { deadline: round.deadline });
  }
  const slot = round.slots.find((s) => s.slotId === slotId);
  if (!slot) throw new NotFoundError('Slot', slotId);
  return slot;
}

const overlapping = (a: OpenSlot, b: OpenSlot) =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

export const slotRoundDecider: Decider<SlotRoundCommand, SlotRoundState, SlotRoundEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'PublishSlotRound': {
        if (state) throw new ConflictError(`Slot round ${command.roundId} already exists`);
        const { type: _, now, ...data } = command;
        assertValidRound(data, now);
        return [{ type: 'SlotRoundPublished', data: { ...data, publishedAt: now } }];
      }
      case 'Volunteer': {
        const round = existing(state, command.roundId);
        const slot = openForVolunteers(round, command.now, command.slotId);
        if (slot.volunteerId === command.responderId) return [];
        if (slot.volunteerId)
          throw new ConflictError('Someone already volunteered for this slot', { slotId: slot.slotId });
        const start = Date.parse(slot.start);
        if (!command.participants.some((m) => m.responderId === command.responderId && isActive(m, start))) {
          throw new BadUserInputError('responderId', 'only participants of the rotation can volunteer for its slots');
        }
        const why = ineligibility(command.availability, start, Date.parse(slot.end));
        if (why) {
          throw new BadUserInputError(
            'responderId',
            `the responder is ${why === 'RESTRICTED' ? 'restricted from on-call' : 'unavailable'} during that slot`,
          );
        }
        const clash = round.slots.find((s) => s.volunteerId === command.responderId && overlapping(s, slot));
        if (clash)
          throw new ConflictError('The responder already volunteered for an overlapping slot', {
            slotId: clash.slotId,
          });
        return [
          {
            type: 'SlotVolunteered',
            data: {
              roundId: round.roundId,
              rotationId: round.rotationId,
              slotId: slot.slotId,
              responderId: command.responderId,
              at: command.now,
            },
          },
        ];
      }
      case 'WithdrawVolunteer': {
        const round = existing(state, command.roundId);
        const slot = openForVolunteers(round, command.now, command.slotId);
        if (slot.volunteerId !== command.responderId) throw new NotFoundError('Volunteer', command.responderId);
        return [
          {
            type: 'SlotVolunteerWithdrawn',
            data: {
              roundId: round.roundId,
              rotationId: round.rotationId,
              slotId: slot.slotId,
              responderId: command.responderId,
              at: command.now,
            },
          },
        ];
      }
      case 'CloseSlotRound':
        if (!state || state.closedAt || Date.parse(command.now) < Date.parse(state.deadline)) return [];
        return closeRound(state, command.taskId, command.now, command.facts);
    }
  },

  evolve(state, event) {
    if (event.type === 'SlotRoundPublished') {
      const { slots, ...round } = event.data;
      return { ...round, slots: slots.map((s) => ({ ...s })) };
    }
    if (!state) return state;
    const update = (slotId: string, change: (slot: RoundSlot) => RoundSlot) => ({
      ...state,
      slots: state.slots.map((s) => (s.slotId === slotId ? change(s) : s)),
    });
    switch (event.type) {
      case 'SlotVolunteered':
        return update(event.data.slotId, (s) => ({ ...s, volunteerId: event.data.responderId }));
      case 'SlotVolunteerWithdrawn':
        return update(event.data.slotId, ({ volunteerId: _, ...s }) => s);
      case 'SlotAssigned':
        return update(event.data.slotId, (s) => ({
          ...s,
          assigneeId: event.data.responderId,
          how: event.data.how,
          ...(event.data.explanation ? { explanation: event.data.explanation } : {}),
        }));
      case 'SlotLeftOpen':
        return update(event.data.slotId, (s) => ({ ...s, explanation: event.data.explanation }));
      case 'SlotRoundClosed':
        return { ...state, closedAt: event.data.closedAt };
    }
  },
};

/**
 * Volunteers keep their slots (unless a restriction or unavailability arrived since); every other
 * slot is assigned by the fairness rules. Event ids derive from the task, so recording the same
 * close twice, on two instances or after a restart, stores it once. A close may be recorded in
 * several appends (a large round does not fit one): deciding again on a partly recorded close
 * keeps the slots already decided, counts their picks, and decides only the rest, so the events
 * are those of one uninterrupted close; `SlotRoundClosed` comes last.
 */
function closeRound(round: SlotRound, taskId: string, now: string, facts: RoundFacts): SlotRoundEvent[] {
  const base = { roundId: round.roundId, rotationId: round.rotationId };
  const decided = round.slots.filter((s) => s.how !== undefined || s.explanation !== undefined);
  const undecided = round.slots.filter((s) => !decided.includes(s));
  const confirmed = undecided.filter(
    (s) =>
      s.volunteerId &&
      !ineligibility(facts.candidates[s.volunteerId]?.availability, Date.parse(s.start), Date.parse(s.end)),
  );
  const picks: Pick[] = [
    ...decided.flatMap((s) => (s.assigneeId ? [{ responderId: s.assigneeId, start: s.start, end: s.end }] : [])),
    ...confirmed.map((s) => ({ responderId: s.volunteerId!, start: s.start, end: s.end })),
  ];
  const open = undecided.filter((s) => !confirmed.includes(s));
  const events: SlotRoundEvent[] = confirmed.map((s) => ({
    type: 'SlotAssigned',
    id: deterministicId(taskId, 'slot', s.slotId),
    data: { ...base, slotId: s.slotId, responderId: s.volunteerId!, start: s.start, end: s.end, how: 'VOLUNTEER' },
  }));
  for (const outcome of assignOpenSlots(open, picks, facts)) {
    const slot = round.slots.find((s) => s.slotId === outcome.slotId)!;
    const id = deterministicId(taskId, 'slot', slot.slotId);
    events.push(
      outcome.responderId
        ? {
            type: 'SlotAssigned',
            id,
            data: {
              ...base,
              slotId: slot.slotId,
              responderId: outcome.responderId,
              start: slot.start,
              end: slot.end,
              how: 'AUTOMATIC',
              explanation: outcome.explanation,
            },
          }
        : { type: 'SlotLeftOpen', id, data: { ...base, slotId: slot.slotId, explanation: outcome.explanation } },
    );
  }
  events.push({ type: 'SlotRoundClosed', id: deterministicId(taskId, 'closed'), data: { ...base, closedAt: now } });
  return events;
}

function assertValidRound(data: Omit<SlotRoundPublishedData, 'publishedAt'>, now: string): void {
  if (!data.title.trim()) throw new BadUserInputError('title', 'title must not be empty');
  if (data.slots.length === 0) throw new BadUserInputError('slots', 'a round needs at least one slot');
  data.slots.forEach((slot, i) => {
    if (Date.parse(slot.end) <= Date.parse(slot.start)) {
      throw new BadUserInputError(`slots.${i}.end`, 'a slot must end after it starts');
    }
  });
  const keys = data.slots.map((s) => `${Date.parse(s.start)}|${Date.parse(s.end)}`);
  if (new Set(keys).size !== keys.length) throw new BadUserInputError('slots', 'slots must not repeat');
  if (Date.parse(data.deadline) <= Date.parse(now)) {
    throw new BadUserInputError('volunteerDeadline', 'the volunteering deadline must be in the future');
  }
  const firstStart = Math.min(...data.slots.map((s) => Date.parse(s.start)));
  const lastEnd = Math.max(...data.slots.map((s) => Date.parse(s.end)));
  if (lastEnd - firstStart > MAX_ROUND_DAYS * 86_400_000) {
    throw new BadUserInputError('slots', `a round's slots must fall within ${MAX_ROUND_DAYS} days`);
  }
  if (Date.parse(data.deadline) > firstStart) {
    throw new BadUserInputError('volunteerDeadline', 'the volunteering deadline must be no later than the first slot');
  }
}
