import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import type { ResponderAvailability } from '../schedule/schedule.types.js';
import type { RoundFacts } from './slot-fairness.js';
import { slotRoundDecider, type SlotRoundCommand } from './slot-round.decider.js';
import type { SlotRoundEvent } from './slot-round.events.js';

const spec = deciderSpecification(slotRoundDecider);

const free = (responderId: string): ResponderAvailability => ({ responderId, restrictions: [], unavailability: [] });
const participants = ['a', 'b', 'c'].map((responderId) => ({ responderId }));

const published: SlotRoundEvent = {
  type: 'SlotRoundPublished',
  data: {
    roundId: 'r1',
    rotationId: 'rot',
    title: 'Weekend',
    timeZone: 'UTC',
    slots: [
      { slotId: 's1', start: '2026-07-18T00:00:00.000Z', end: '2026-07-18T12:00:00.000Z' },
      { slotId: 's2', start: '2026-07-18T12:00:00.000Z', end: '2026-07-19T00:00:00.000Z' },
      { slotId: 's3', start: '2026-07-18T06:00:00.000Z', end: '2026-07-18T18:00:00.000Z' },
    ],
    deadline: '2026-07-17T10:00:00.000Z',
    publishedBy: 'manager',
    publishedAt: '2026-07-01T00:00:00.000Z',
  },
};
const volunteered = (slotId: string, responderId: string): SlotRoundEvent => ({
  type: 'SlotVolunteered',
  data: { roundId: 'r1', rotationId: 'rot', slotId, responderId, at: '2026-07-02T00:00:00.000Z' },
});
const volunteer = (
  slotId: string,
  responderId: string,
  now = '2026-07-02T00:00:00.000Z',
): Extract<SlotRoundCommand, { type: 'Volunteer' }> => ({
  type: 'Volunteer',
  roundId: 'r1',
  slotId,
  responderId,
  now,
  availability: free(responderId),
  participants,
});

function facts(overrides: Partial<Record<string, Partial<RoundFacts['candidates'][string]>>> = {}): RoundFacts {
  const candidate = (id: string) => ({
    availability: free(id),
    busy: [],
    heldSlots: [],
    onCallHoursLast12Months: 0,
    ...overrides[id],
  });
  return {
    timeZone: 'UTC',
    participants,
    candidates: { a: candidate('a'), b: candidate('b'), c: candidate('c') },
    hoursFrom: '2025-07-17T10:00:00.000Z',
    hoursTo: '2026-07-17T10:00:00.000Z',
  };
}

const close = (f: RoundFacts, now = '2026-07-17T10:00:00.000Z'): SlotRoundCommand => ({
  type: 'CloseSlotRound',
  roundId: 'r1',
  taskId: 'deadline:r1',
  now,
  facts: f,
});

const assignees = (events: SlotRoundEvent[]) =>
  events.flatMap((e) => (e.type === 'SlotAssigned' ? [[e.data.slotId, e.data.responderId, e.data.how]] : []));

describe('slot round decider', () => {
  it('publishes a round whose deadline is in the future and no later than the first slot', () => {
    if (published.type !== 'SlotRoundPublished') throw new Error('unreachable');
    const { publishedAt: _, ...data } = published.data;
    const command = { type: 'PublishSlotRound' as const, ...data, now: '2026-07-01T00:00:00.000Z' };
    spec.given([]).when(command).then([published]);
    spec
      .given([])
      .when({ ...command, deadline: '2026-07-18T01:00:00.000Z' })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('volunteerDeadline'));
    spec
      .given([])
      .when({ ...command, now: '2026-07-17T11:00:00.000Z' })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('volunteerDeadline'));
    spec
      .given([])
      .when({ ...command, slots: [{ slotId: 'x', start: '2026-07-18T00:00:00Z', end: '2026-07-18T00:00:00Z' }] })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('slots.0.end'));
    spec
      .given([])
      .when({
        ...command,
        slots: [...command.slots, { slotId: 'late', start: '2026-12-24T00:00:00Z', end: '2026-12-25T00:00:00Z' }],
      })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('slots'));
    spec.given([published]).when(command).thenThrows(ConflictError);
  });

  it('takes one volunteer per slot, ignores a repeat, and refuses an overlapping second slot', () => {
    spec
      .given([published])
      .when(volunteer('s1', 'a'))
      .then([volunteered('s1', 'a')]);
    spec
      .given([published, volunteered('s1', 'a')])
      .when(volunteer('s1', 'a'))
      .then([]);
    spec
      .given([published, volunteered('s1', 'a')])
      .when(volunteer('s1', 'b'))
      .thenThrows(ConflictError);
    spec
      .given([published, volunteered('s1', 'a')])
      .when(volunteer('s3', 'a'))
      .thenThrows(ConflictError);
    spec
      .given([published, volunteered('s1', 'a')])
      .when(volunteer('s2', 'a'))
      .then([volunteered('s2', 'a')]);
    spec.given([published]).when(volunteer('nope', 'a')).thenThrows(NotFoundError);
  });

  it('refuses volunteers who are not participants, restricted, or late', () => {
    spec
      .given([published])
      .when(volunteer('s1', 'stranger'))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('responderId'));
    spec
      .given([published])
      .when({
        ...volunteer('s1', 'a'),
        availability: { ...free('a'), restrictions: [{ start: '2020-01-01T00:00:00Z' }] },
      })
      .thenThrows(BadUserInputError);
    spec
      .given([published])
      .when(volunteer('s1', 'a', '2026-07-17T10:00:00.000Z'))
      .thenThrows(ConflictError);
  });

  it('lets a volunteer withdraw before the deadline, and only their own slot', () => {
    const withdraw = { type: 'WithdrawVolunteer' as const, roundId: 'r1', slotId: 's1', now: '2026-07-03T00:00:00Z' };
    spec
      .given([published, volunteered('s1', 'a')])
      .when({ ...withdraw, responderId: 'a' })
      .then([
        {
          type: 'SlotVolunteerWithdrawn',
          data: { roundId: 'r1', rotationId: 'rot', slotId: 's1', responderId: 'a', at: '2026-07-03T00:00:00Z' },
        },
      ]);
    spec
      .given([published, volunteered('s1', 'a')])
      .when({ ...withdraw, responderId: 'b' })
      .thenThrows(NotFoundError);
  });

  it('closes nothing before the deadline, and nothing twice', () => {
    spec.given([published]).when(close(facts(), '2026-07-17T09:59:59.000Z')).then([]);
    const events = slotRoundDecider.decide(close(facts()), fold([published]));
    expect(slotRoundDecider.decide(close(facts()), fold([published, ...events]))).toEqual([]);
  });

  it('confirms volunteers, then fills each slot by fewest slots, fewest hours, longest since the last slot, turn order', () => {
    const events = slotRoundDecider.decide(
      close(
        facts({
          a: { onCallHoursLast12Months: 5 },
          b: {
            onCallHoursLast12Months: 5,
            heldSlots: [{ start: '2026-06-01T00:00:00Z', end: '2026-06-01T08:00:00Z' }],
          },
          c: { onCallHoursLast12Months: 9 },
        }),
      ),
      fold([published, volunteered('s2', 'c')]),
    );
    // s1 (00-12): a and b both have 0 slots this quarter (b's June slot is in Q2) and 5 h; never having had a
    // slot counts as the longest since one, so a. s3 (06-18) overlaps a's s1 and c's s2: only b is left.
    expect(assignees(events)).toEqual([
      ['s2', 'c', 'VOLUNTEER'],
      ['s1', 'a', 'AUTOMATIC'],
      ['s3', 'b', 'AUTOMATIC'],
    ]);
    const s3 = events.find((e) => e.type === 'SlotAssigned' && e.data.slotId === 's3');
    expect(s3?.type === 'SlotAssigned' && s3.data.explanation?.candidates).toEqual([
      {
        responderId: 'b',
        rank: 1,
        weekendSlotsThisQuarter: 0,
        onCallHoursLast12Months: 5,
        lastSlotEnd: '2026-06-01T08:00:00.000Z',
      },
      {
        responderId: 'a',
        excluded: 'ON_CALL',
        weekendSlotsThisQuarter: 1,
        onCallHoursLast12Months: 5,
        lastSlotEnd: '2026-07-18T12:00:00.000Z',
      },
      { responderId: 'c', excluded: 'ON_CALL', weekendSlotsThisQuarter: 1, onCallHoursLast12Months: 9 },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'SlotRoundClosed', data: { closedAt: '2026-07-17T10:00:00.000Z' } });
  });

  it('decided again on a close recorded in part (appended in chunks, cut short), decides only the rest, as one close', () => {
    const given = [published, volunteered('s3', 'b')];
    const f = facts({ a: { onCallHoursLast12Months: 3 }, c: { onCallHoursLast12Months: 1 } });
    const whole = slotRoundDecider.decide(close(f), fold(given));
    expect(whole.map((e) => e.type)).toEqual(['SlotAssigned', 'SlotAssigned', 'SlotAssigned', 'SlotRoundClosed']);
    for (let recorded = 1; recorded < whole.length; recorded++) {
      const rest = slotRoundDecider.decide(close(f), fold([...given, ...whole.slice(0, recorded)]));
      expect(rest).toEqual(whole.slice(recorded));
    }
  });

  it('is deterministic: the same round and facts give the same events, ids included', () => {
    const state = fold([published, volunteered('s1', 'b')]);
    const f = facts({
      c: {
        availability: {
          ...free('c'),
          unavailability: [{ spanId: 'x', start: '2026-07-18T00:00:00Z', end: '2026-07-20T00:00:00Z' }],
        },
      },
    });
    const first = slotRoundDecider.decide(close(f), state);
    const second = slotRoundDecider.decide(close(structuredClone(f)), structuredClone(state));
    expect(second).toEqual(first);
    expect(first.every((e) => typeof e.id === 'string')).toBe(true);
  });

  it('leaves a slot open, with the reasons, when nobody can take it', () => {
    const restricted = { restrictions: [{ start: '2020-01-01T00:00:00Z' }], unavailability: [] };
    const events = slotRoundDecider.decide(
      close(
        facts({
          a: { availability: { responderId: 'a', ...restricted } },
          b: { availability: { responderId: 'b', ...restricted } },
          c: { busy: [{ start: '2026-07-17T00:00:00Z', end: '2026-07-20T00:00:00Z' }] },
        }),
      ),
      fold([published]),
    );
    expect(events.filter((e) => e.type === 'SlotLeftOpen')).toHaveLength(3);
    const [first] = events;
    expect(first.type === 'SlotLeftOpen' && first.data.explanation.candidates.map((c) => c.excluded)).toEqual([
      'RESTRICTED',
      'RESTRICTED',
      'ON_CALL',
    ]);
  });
});

function fold(events: SlotRoundEvent[]) {
  return events.reduce(slotRoundDecider.evolve, slotRoundDecider.initialState());
}
