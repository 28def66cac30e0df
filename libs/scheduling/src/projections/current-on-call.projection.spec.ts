import { randomUUID } from 'node:crypto';
import { ReadModelDatabase, type RecordedEvent } from '@app/event-store';
import type { ResponderEvent } from '../domain/responder/responder.events.js';
import type { RotationEvent } from '../domain/rotation/rotation.events.js';
import type { SlotRoundEvent } from '../domain/slot-round/slot-round.events.js';
import { CurrentOnCallProjection } from './current-on-call.projection.js';
import { registered as registeredAt } from './schedule-events.fixture.js';

type ScheduleEvent = ResponderEvent | RotationEvent | SlotRoundEvent;

const at = '2026-10-01T00:00:00.000Z';
const created = (rotationId: string): ScheduleEvent => ({
  type: 'RotationCreated',
  data: {
    rotationId,
    name: `Rotation ${rotationId}`,
    team: 'platform',
    timeZone: 'Europe/Berlin',
    startDate: '2026-10-05',
    pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '09:00' }], respondersPerShift: 1 },
    coverageWindows: [],
    driWindows: [],
    participants: [{ responderId: 'ana' }, { responderId: 'ben' }],
    shadows: [],
    createdAt: at,
  },
});
const registered = (responderId: string): ScheduleEvent => registeredAt(responderId, at);
const override = (rotationId: string, overrideId: string): ScheduleEvent => ({
  type: 'OverrideScheduled',
  data: {
    rotationId,
    overrideId,
    responderId: 'ben',
    start: '2026-10-06T08:00:00.000Z',
    end: '2026-10-06T12:00:00.000Z',
    timeZone: 'UTC',
    createdBy: 'ana',
  },
});
const cancelled = (rotationId: string, overrideId: string): ScheduleEvent => ({
  type: 'OverrideCancelled',
  data: { rotationId, overrideId, cancelledBy: 'ana' },
});
const unavailable = (responderId: string, spanId: string): ScheduleEvent => ({
  type: 'ResponderUnavailabilityMarked',
  data: { responderId, spanId, start: '2026-10-07T00:00:00.000Z', end: '2026-10-08T00:00:00.000Z', reason: 'leave' },
});
const cleared = (responderId: string, spanId: string): ScheduleEvent => ({
  type: 'ResponderUnavailabilityCleared',
  data: { responderId, spanId },
});
const swapped = (rotationId: string, swapId: string): ScheduleEvent => ({
  type: 'ShiftsSwapped',
  data: {
    rotationId,
    swapId,
    first: { responderId: 'ana', shiftStart: '2026-10-05T07:00:00.000Z' },
    second: { responderId: 'ben', shiftStart: '2026-10-12T07:00:00.000Z' },
    createdBy: 'ana',
  },
});
const slot = (rotationId: string, slotId: string): ScheduleEvent => ({
  type: 'SlotAssigned',
  data: {
    roundId: 'round',
    rotationId,
    slotId,
    responderId: 'ana',
    start: '2026-10-10T00:00:00.000Z',
    end: '2026-10-11T00:00:00.000Z',
    how: 'VOLUNTEER',
  },
});

describe('current-on-call projection', () => {
  let readModels: ReadModelDatabase;
  let projection: CurrentOnCallProjection;
  let position = 0n;

  beforeEach(() => {
    readModels = new ReadModelDatabase(':memory:');
    projection = new CurrentOnCallProjection();
    projection.setUp(readModels.db);
  });
  afterEach(() => readModels.close());

  /** Applies one batch as the runner does: in one transaction, then afterCommit (or afterRollback). */
  function batch(events: ScheduleEvent[], failAfter?: number): void {
    const recorded = events.map((event): RecordedEvent => ({
      id: randomUUID(),
      type: event.type,
      data: event.data as unknown as Record<string, unknown>,
      metadata: { actor: 'ana', correlationId: 'c', causationId: null, occurredAt: at, schemaVersion: 1 },
      streamId: 's',
      revision: 0n,
      position: ++position,
    }));
    try {
      readModels.db.transaction(() => {
        recorded.forEach((event, index) => {
          if (index === failAfter) throw new Error('the batch fails');
          projection.apply(event, readModels.db);
        });
      })();
      projection.afterCommit(recorded);
    } catch {
      projection.afterRollback();
    }
  }

  /** What a process starting on the same read models reads. */
  function reloaded() {
    const fresh = new CurrentOnCallProjection();
    fresh.setUp(readModels.db);
    return { rotations: fresh.allRotations(), responders: fresh.allResponders() };
  }

  it('keeps its in-memory copy equal to what a reload reads, batch after batch, without reloading', () => {
    batch([created('r1'), created('r2'), registered('ana'), registered('ben'), override('r1', 'o1')]);
    expect(projection.rotation('r1')?.overrides.map((o) => o.overrideId)).toEqual(['o1']);
    const before = projection.rotation('r2');

    batch([
      override('r1', 'o2'),
      override('r1', 'o3'),
      cancelled('r1', 'o1'),
      cancelled('r1', 'o3'),
      override('r1', 'o3'),
      unavailable('ana', 's1'),
      unavailable('ana', 's2'),
      cleared('ana', 's1'),
      swapped('r1', 'w1'),
      slot('r1', 'slot-1'),
      created('r3'),
      override('r3', 'o4'),
    ]);
    expect(projection.rotation('r1')?.overrides.map((o) => o.overrideId)).toEqual(['o2', 'o3']);
    expect(projection.responder('ana')?.unavailability.map((s) => s.spanId)).toEqual(['s2']);
    expect(projection.rotation('r2')).toBe(before);
    expect({ rotations: projection.allRotations(), responders: projection.allResponders() }).toEqual(reloaded());

    batch([
      { type: 'RotationUpdated', data: { rotationId: 'r1', changes: { name: 'Renamed' } } },
      cancelled('r3', 'o4'),
    ]);
    expect(projection.rotation('r1')).toMatchObject({ name: 'Renamed', swaps: [{ swapId: 'w1' }] });
    expect({ rotations: projection.allRotations(), responders: projection.allResponders() }).toEqual(reloaded());
  });

  it('leaves its copy as it was when a batch rolls back', () => {
    batch([created('r1'), override('r1', 'o1')]);
    const kept = projection.rotation('r1');
    batch([override('r1', 'o2'), cancelled('r1', 'o1'), override('r1', 'o3')], 2);
    expect(projection.rotation('r1')).toBe(kept);
    batch([override('r1', 'o4')]);
    expect(projection.rotation('r1')?.overrides.map((o) => o.overrideId)).toEqual(['o1', 'o4']);
    expect(projection.allRotations()).toEqual(reloaded().rotations);
  });
});
