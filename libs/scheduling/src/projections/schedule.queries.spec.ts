import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ManualClock } from '@app/core';
import { ReadModelDatabase, type RecordedEvent } from '@app/event-store';
import { OnCallTimeline } from '../domain/schedule/on-call-timeline.js';
import { ShiftCalendar } from '../domain/schedule/shift-calendar.js';
import type { ShiftPattern } from '../domain/schedule/schedule.types.js';
import { CurrentOnCallProjection } from './current-on-call.projection.js';
import { registered } from './schedule-events.fixture.js';
import { ScheduleQueries } from './schedule.queries.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = Date.parse('2026-11-20T10:00:00.000Z');
const people = ['ana', 'ben', 'cem', 'dia', 'eli'];

/** A small deterministic generator: the same history on every run. */
function generator(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * below);
  };
}

function history(seed: number, longItems = true): Array<{ type: string; data: Record<string, unknown> }> {
  const pick = generator(seed);
  const iso = (ms: number) => new Date(ms).toISOString();
  const events: Array<{ type: string; data: Record<string, unknown> }> = people.map(
    (responderId) => registered(responderId, '2026-01-01T00:00:00.000Z') as never,
  );
  const rotations = [
    { rotationId: 'weekly', cycle: 'weekly', handoffs: [{ weekday: 1, time: '09:00' }] },
    { rotationId: 'daily', cycle: 'daily', handoffs: [{ time: '08:00' }, { time: '20:00' }] },
  ];
  for (const { rotationId, cycle, handoffs } of rotations) {
    const pattern = { cycle, handoffs, respondersPerShift: 1 + pick(2) } as ShiftPattern;
    const calendar = new ShiftCalendar({ timeZone: 'Europe/Berlin', startDate: '2026-01-05', pattern });
    const shifts = calendar.shiftsBetween(now - 200 * DAY, now + 40 * DAY);
    const shiftStart = () => new Date(shifts[pick(shifts.length)].start).toISOString();
    const swaps = Array.from({ length: 30 }, (_, i) => ({
      type: 'ShiftsSwapped',
      data: {
        rotationId,
        swapId: `${rotationId}-w${i}`,
        first: { responderId: people[pick(3)], shiftStart: shiftStart() },
        second: { responderId: people[pick(5)], shiftStart: shiftStart() },
        createdBy: 'ana',
      },
    }));
    events.push({
      type: 'RotationCreated',
      data: {
        rotationId,
        name: rotationId,
        team: 'platform',
        timeZone: 'Europe/Berlin',
        startDate: '2026-01-05',
        pattern,
        coverageWindows: [],
        driWindows: [],
        participants: people.slice(0, 3 + pick(3)).map((responderId) => ({ responderId })),
        shadows: [],
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    });
    events.push(...swaps);
  }
  // Items from 200 days before `now` to 40 after, lasting an hour to 3 days (or 30): some end before the
  // horizon, some straddle it, some overlap the answers asked for.
  const instant = () => now - 200 * DAY + pick(240 * 24) * HOUR;
  const length = () => (1 + pick(longItems && pick(4) === 0 ? 30 * 24 : 72)) * HOUR;
  for (let i = 0; i < 160; i++) {
    const rotationId = rotations[pick(2)].rotationId;
    const start = instant();
    const responderId = people[pick(people.length)];
    switch (pick(4)) {
      case 0:
      case 1:
        events.push({
          type: 'OverrideScheduled',
          data: {
            rotationId,
            overrideId: `o${i}`,
            responderId,
            ...(pick(2) ? { replacesResponderId: people[pick(people.length)] } : {}),
            start: iso(start),
            end: iso(start + length()),
            timeZone: 'UTC',
            createdBy: 'ana',
          },
        });
        if (pick(5) === 0) {
          events.push({ type: 'OverrideCancelled', data: { rotationId, overrideId: `o${i}`, cancelledBy: 'ana' } });
        }
        break;
      case 2:
        events.push({
          type: 'ResponderUnavailabilityMarked',
          data: { responderId, spanId: `s${i}`, start: iso(start), end: iso(start + length()), reason: 'leave' },
        });
        break;
      default:
        events.push({
          type: 'SlotAssigned',
          data: {
            roundId: `round${i}`,
            rotationId,
            slotId: `slot${i}`,
            responderId,
            start: iso(start),
            end: iso(start + length()),
            how: 'VOLUNTEER',
          },
        });
    }
  }
  return events;
}

describe('schedule queries on the recent copies', () => {
  let readModels: ReadModelDatabase;
  let projection: CurrentOnCallProjection;
  let queries: ScheduleQueries;
  let clock: ManualClock;
  let position = 0n;

  function feed(events: Array<{ type: string; data: Record<string, unknown> }>): void {
    const recorded = events.map((event): RecordedEvent => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: { actor: 'ana', correlationId: 'c', causationId: null, occurredAt: '2026-01-01', schemaVersion: 1 },
      streamId: 's',
      revision: 0n,
      position: ++position,
    }));
    readModels.db.transaction(() => recorded.forEach((event) => projection.apply(event, readModels.db)))();
    projection.afterCommit(recorded);
  }

  /** A read model on the same tables, whose documents read every override, span and slot. */
  function wholeSchedule(): CurrentOnCallProjection {
    const fresh = new CurrentOnCallProjection(clock);
    fresh.setUp(readModels.db);
    return fresh;
  }

  /** The same question answered from the whole schedule. */
  function fromWholeSchedule(rotationId: string, from: number, to: number, whole = wholeSchedule()) {
    return new OnCallTimeline(whole.rotation(rotationId)!, (id) => whole.responder(id)).between(from, to);
  }

  beforeEach(() => {
    readModels = new ReadModelDatabase(':memory:');
    clock = new ManualClock(new Date(now));
    projection = new CurrentOnCallProjection(clock);
    projection.setUp(readModels.db);
    queries = new ScheduleQueries(projection, clock);
  });
  afterEach(() => readModels.close());

  it.each([1, 2, 3, 4])('answers as the whole schedule does, for any range (history %i)', (seed) => {
    const events = history(seed);
    feed(events.slice(0, 100));
    projection.allRotations(); // loads the copies: the horizon is 35 days before now
    feed(events.slice(100)); // and brings them up to date
    const loaded = new CurrentOnCallProjection(clock); // reads the copies from the tables
    loaded.setUp(readModels.db);
    expect(projection.recentHorizon()).toBe(now - 35 * DAY);
    const pick = generator(seed + 100);
    const whole = wholeSchedule();
    for (const [copies, asked] of [
      [projection, queries],
      [loaded, new ScheduleQueries(loaded, clock)],
    ] as const) {
      let recent = 0;
      for (let i = 0; i < 80; i++) {
        const rotationId = pick(2) ? 'weekly' : 'daily';
        const from = now - 40 * DAY + pick(50 * 24) * HOUR;
        const to = from + (1 + pick(10 * 24)) * HOUR;
        expect(asked.rotationShifts(rotationId, new Date(from), new Date(to))).toEqual(
          fromWholeSchedule(rotationId, from, to, whole),
        );
        const recentCopy = copies.recentRotation(copies.rotation(rotationId)!)!;
        const timeline = new OnCallTimeline(recentCopy, (id) => copies.recentResponder(id));
        if (from >= copies.recentHorizon() && timeline.reaching(from, to).reach >= copies.recentHorizon()) recent++;
        const [entry] = asked.onCallAt(new Date(from), [rotationId]);
        expect(entry.onCall.map(({ isDri: _, ...segment }) => segment)).toEqual(
          fromWholeSchedule(rotationId, from, from + 1, whole),
        );
        const responderId = people[pick(people.length)];
        expect(asked.responderShifts(responderId, new Date(from), new Date(to))).toEqual(
          ['daily', 'weekly']
            .flatMap((id) => fromWholeSchedule(id, from, to, whole))
            .filter((segment) => segment.responderId === responderId)
            .sort((a, b) => a.start - b.start),
        );
      }
      expect(recent).toBeGreaterThan(25); // answered from the recent copies alone
    }
  });

  it('answers from the recent copies without reading the whole schedule when the range is recent', () => {
    feed(history(7, false));
    const rotation = projection.rotation('weekly')!;
    const recent = projection.recentRotation(rotation)!;
    expect(recent.overrides.length).toBeLessThan(rotation.overrides.length);
    expect(recent.overrides.every((o) => Date.parse(o.end) >= projection.recentHorizon())).toBe(true);
    expect(rotation.overrides.filter((o) => Date.parse(o.end) >= projection.recentHorizon())).toEqual(recent.overrides);
    const statements = Object.getPrototypeOf(readModels.db.prepare('SELECT 1')) as { all: () => unknown[] };
    const reads = jest.spyOn(statements, 'all');
    const fresh = new CurrentOnCallProjection(clock);
    fresh.setUp(readModels.db);
    const freshQueries = new ScheduleQueries(fresh, clock);
    freshQueries.onCallAt(new Date(now));
    freshQueries.rotationShifts('weekly', new Date(now - 7 * DAY), new Date(now + DAY));
    const sources = reads.mock.contexts.map((statement) => (statement as unknown as { source: string }).source);
    expect(sources.some((sql) => sql.includes('relevant_until >= ?'))).toBe(true);
    expect(sources.some((sql) => sql.includes('owner = ?'))).toBe(false);
    expect(fresh.rotation('weekly')!.overrides).toEqual(rotation.overrides);
    expect(
      reads.mock.contexts.some((statement) =>
        (statement as unknown as { source: string }).source.includes('owner = ?'),
      ),
    ).toBe(true);
    reads.mockRestore();
  });

  it('answers from the whole schedule when the shift under way began before the horizon', () => {
    const created = history(1).find((event) => event.type === 'RotationCreated')!;
    const calendar = new ShiftCalendar(created.data as never);
    const horizon = now - 35 * DAY;
    const [shift] = calendar.shiftsBetween(horizon, horizon + 1);
    expect(shift.start).toBeLessThan(horizon - 2 * HOUR);
    feed(
      history(1)
        .filter((event) => event.type === 'ResponderRegistered')
        .concat(created),
    );
    const at = new Date(horizon + HOUR);
    const [before] = queries.onCallAt(at, ['weekly']);
    // the responder on call is unavailable for an hour at the start of the shift: skipped for all of it
    const span = { start: new Date(shift.start).toISOString(), end: new Date(shift.start + HOUR).toISOString() };
    const responderId = before.onCall[0].responderId;
    feed([
      { type: 'ResponderUnavailabilityMarked', data: { responderId, spanId: 'early', ...span, reason: 'dentist' } },
    ]);
    expect(projection.recentResponder(responderId)!.unavailability).toEqual([]);
    const [after] = queries.onCallAt(at, ['weekly']);
    expect(after.onCall[0].responderId).not.toBe(responderId);
    expect(after.onCall.map(({ isDri: _, ...segment }) => segment)).toEqual(
      fromWholeSchedule('weekly', at.getTime(), at.getTime() + 1),
    );
  });

  it('answers from the whole schedule once the clock is set back before the horizon', () => {
    const events = history(5);
    feed(events);
    projection.allRotations();
    clock.set(new Date(now - 90 * DAY));
    const from = now - 80 * DAY;
    expect(queries.rotationShifts('weekly', new Date(from), new Date(from + 10 * DAY))).toEqual(
      fromWholeSchedule('weekly', from, from + 10 * DAY),
    );
  });
});
