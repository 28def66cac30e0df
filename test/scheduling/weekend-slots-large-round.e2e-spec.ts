import { jest } from '@jest/globals';
import { ManualClock } from '@app/core';
import {
  appendSize,
  DEFAULT_APPEND_BUDGET_BYTES,
  DueTaskScheduler,
  ProjectionRunner,
  type NewEvent,
} from '@app/event-store';
import { EsdbGrpcDouble } from '@app/event-store/testing';
import { CloseSlotRoundsAtDeadline, SlotRoundFacts, SlotRoundsProjection, type SlotRound } from '@app/scheduling';
import { assignOpenSlots } from '../../libs/scheduling/src/domain/slot-round/slot-fairness.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { SLOT_ROUND, VOLUNTEER, publishSlots } from '../support/slot-round.fixtures.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The largest round the inputs allow (200 slots, 500 participants) closes on both stores: its
 * close is recorded in appends that each stay within the append budget, and the slots'
 * assignments and explanations answer as one uninterrupted close would have decided them.
 */
const PARTICIPANTS = 500;
const SLOTS = 200;
const DEADLINE = '2026-07-31T10:00:00.000Z';
const SLOT_HOURS = 8;

/** Consecutive 8-hour slots from 1 August 2026 (UTC), wall-clock pairs as publishWeekendSlots takes them. */
function slotSpans(count: number, firstHour = 0): Array<[string, string]> {
  const at = (hour: number) => new Date(Date.UTC(2026, 7, 1, hour)).toISOString().slice(0, 16);
  return Array.from({ length: count }, (_, i) => [
    at((firstHour + i) * SLOT_HOURS),
    at((firstHour + i + 1) * SLOT_HOURS),
  ]);
}

interface Append {
  streamId: string;
  bytes: number;
  events: number;
}

interface AppendRecorder {
  appends: Append[];
  /** When set, an append it answers an error for is not sent (the process stopping before it). */
  fault?: (streamId: string) => Error | undefined;
}

/** Records every append the service sends to its store, with its size as the budget measures it. */
function recordAppends(app: TestApp): AppendRecorder {
  const recorder: AppendRecorder = { appends: [] };
  const append = app.store.append.bind(app.store);
  jest.spyOn(app.store, 'append').mockImplementation((streamId, events: NewEvent[], expected) => {
    const error = recorder.fault?.(streamId);
    if (error) return Promise.reject(error);
    recorder.appends.push({ streamId, bytes: appendSize(events), events: events.length });
    return append(streamId, events, expected);
  });
  return recorder;
}

/** What a close decides on these facts, in the GraphQL answer's shape. */
function expectedSlots(round: SlotRound, app: TestApp, handles: Map<string, string>) {
  const facts = app.app.get(SlotRoundFacts).forRound(round);
  const picks = round.slots.flatMap((s) =>
    s.volunteerId ? [{ responderId: s.volunteerId, start: s.start, end: s.end }] : [],
  );
  const outcomes = new Map(
    assignOpenSlots(
      round.slots.filter((s) => !s.volunteerId),
      picks,
      facts,
    ).map((o) => [o.slotId, o]),
  );
  return round.slots.map((slot) => {
    const outcome = outcomes.get(slot.slotId);
    const assignee = slot.volunteerId ?? outcome?.responderId;
    return {
      id: slot.slotId,
      how: slot.volunteerId ? 'VOLUNTEER' : outcome?.responderId ? 'AUTOMATIC' : null,
      assignee: assignee ? { handle: handles.get(assignee) } : null,
      explanation: outcome
        ? {
            quarter: outcome.explanation.quarter,
            hoursFrom: outcome.explanation.hoursFrom,
            hoursTo: outcome.explanation.hoursTo,
            candidates: outcome.explanation.candidates.map((c) => ({
              responder: { handle: handles.get(c.responderId) },
              rank: c.rank ?? null,
              excluded: c.excluded ?? null,
              weekendSlotsThisQuarter: c.weekendSlotsThisQuarter,
              onCallHoursLast12Months: c.onCallHoursLast12Months,
              lastSlotEnd: c.lastSlotEnd ?? null,
            })),
          }
        : null,
    };
  });
}

const pick = (slots: any[]) =>
  slots.map(({ id, how, assignee, explanation }) => ({
    id,
    how,
    assignee: assignee ? { handle: assignee.handle } : null,
    explanation,
  }));

describe.each([
  ['the embedded SQLite store', false],
  ['EventStoreDB (through the gRPC double)', true],
])('a round of 200 slots and 500 participants closes on %s', (_, onDouble) => {
  let double: EsdbGrpcDouble | undefined;
  let app: TestApp;
  let recorder: AppendRecorder;
  let rotationId: string;
  const handles = new Map<string, string>();

  beforeAll(async () => {
    // Every explanation of the round at once is 100,000 candidates, more than the default 5 s
    // request budget answers on this machine; the configuration is read when the app module loads.
    process.env.GRAPHQL_REQUEST_BUDGET_MS = '60000';
    const { startTestApp } = await import('../support/test-app.js');
    if (onDouble) double = await EsdbGrpcDouble.start();
    app = await startTestApp({
      clock: new ManualClock('2026-07-15T12:00:00Z'),
      store: double ? { connectionString: double.connectionString } : {},
    });
    for (let batch = 0; batch < PARTICIPANTS; batch += 25) {
      const ids = await Promise.all(
        Array.from({ length: Math.min(25, PARTICIPANTS - batch) }, (_, i) =>
          registerResponder(app, { handle: `p${batch + i}`, timeZone: 'UTC' }),
        ),
      );
      ids.forEach((id, i) => handles.set(id, `p${batch + i}`));
    }
    // A weekly rotation since August 2025: the participants who had a turn have on-call hours to compare.
    rotationId = await createRotation(app, {
      name: 'Big weekend rotation',
      timeZone: 'UTC',
      startDate: '2025-08-04',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '09:00' }] },
      participantIds: [...handles.keys()],
    });
    recorder = recordAppends(app);
  }, 180_000);

  afterAll(async () => {
    delete process.env.GRAPHQL_REQUEST_BUDGET_MS;
    await app?.close();
    await double?.stop();
  });

  it('records the close in appends within the budget, and answers every assignment and explanation', async () => {
    const round = await publishSlots(app, {
      rotationId,
      timeZone: 'UTC',
      slots: slotSpans(SLOTS),
      deadline: '2026-07-31T10:00',
    });
    const ids = [...handles.keys()];
    for (const [slot, responder] of [
      [3, ids[7]],
      [50, ids[499]],
      [120, ids[42]],
    ] as const) {
      await app.ok(VOLUNTEER, { input: { roundId: round.id, slotId: round.slots[slot].id, responderId: responder } });
    }
    const before = app.app.get(SlotRoundsProjection).round(round.id)!;
    const expected = expectedSlots(before, app, handles);

    const { appends } = recorder;
    appends.length = 0;
    const started = performance.now();
    await app.advanceClock(DEADLINE);
    const closeMs = performance.now() - started;

    const stream = `slot-round-${round.id}`;
    const closeAppends = appends.filter((a) => a.streamId === stream);
    const whole = closeAppends.reduce((sum, a) => sum + a.bytes, 0);
    const largest = Math.max(...appends.map((a) => a.bytes));
    console.log(
      `${onDouble ? 'double' : 'sqlite'}: close of ${SLOTS}x${PARTICIPANTS} in ${closeMs.toFixed(0)} ms; ` +
        `as one append ${whole} bytes; ${closeAppends.length} appends, the largest ${largest} bytes`,
    );
    expect(whole).toBeGreaterThan(DEFAULT_APPEND_BUDGET_BYTES);
    expect(closeAppends.length).toBeGreaterThan(1);
    expect(largest).toBeLessThanOrEqual(DEFAULT_APPEND_BUDGET_BYTES);
    expect(closeAppends.reduce((sum, a) => sum + a.events, 0)).toBe(SLOTS + 1);

    const asked = performance.now();
    const { slotRound } = await app.ok(SLOT_ROUND, { id: round.id });
    console.log(`every explanation of the round answered in ${(performance.now() - asked).toFixed(0)} ms`);
    expect(slotRound.closed).toBe(true);
    expect(slotRound.closedAt).toBe(DEADLINE);
    expect(pick(slotRound.slots)).toEqual(expected);
    // Fewest slots this quarter first: with more participants than slots, nobody gets two.
    const assignees = slotRound.slots.map((s: any) => s.assignee.handle);
    expect(new Set(assignees).size).toBe(SLOTS);
    expect(slotRound.slots[3]).toMatchObject({ how: 'VOLUNTEER', assignee: { handle: 'p7' }, explanation: null });
    expect(slotRound.slots[0].explanation.candidates).toHaveLength(PARTICIPANTS);

    // Closing again records nothing.
    appends.length = 0;
    await app.app
      .get(CloseSlotRoundsAtDeadline)
      .run({ taskId: `slot-round-deadline:${round.id}`, dueAt: new Date(DEADLINE), roundId: round.id });
    expect(appends).toEqual([]);
  }, 180_000);

  it('finishes a close cut short after its first append, and reads as closed only then', async () => {
    const round = await publishSlots(app, {
      rotationId,
      title: 'Cut short',
      timeZone: 'UTC',
      slots: slotSpans(30, SLOTS),
      deadline: '2026-09-01T10:00',
    });
    const expected = expectedSlots(app.app.get(SlotRoundsProjection).round(round.id)!, app, handles);
    const stream = `slot-round-${round.id}`;
    let chunks = 0;
    recorder.fault = (streamId) =>
      streamId === stream && ++chunks >= 2 ? new Error('the process stopped here') : undefined;
    await app.advanceClock('2026-09-01T10:00:00Z');
    recorder.fault = undefined;
    await app.app.get(ProjectionRunner).waitFor((await app.store.headPosition()) as bigint);

    const partly = (await app.ok(SLOT_ROUND, { id: round.id })).slotRound;
    expect(partly.closed).toBe(false);
    const recorded = partly.slots.filter((s: any) => s.assignee).length;
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(30);

    await app.app.get(DueTaskScheduler).runDue();
    const { slotRound } = await app.ok(SLOT_ROUND, { id: round.id });
    expect(slotRound.closed).toBe(true);
    expect(pick(slotRound.slots)).toEqual(expected);
    const events = await app.store.readStream(stream);
    expect(events.filter((e) => e.type === 'SlotAssigned')).toHaveLength(30);
    expect(events.at(-1)?.type).toBe('SlotRoundClosed');
  }, 120_000);
});
