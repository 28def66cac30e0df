import { randomUUID } from 'node:crypto';
import type { DiscoveryService } from '@nestjs/core';
import { ConflictError, ManualClock } from '@app/core';
import { AppendOutcomeUnknownError } from '../event-store.errors.js';
import type { EventStore, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { ReadModelDatabase } from '../projections/read-model-database.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { CommandRunner, RETRY_POLICY, UNKNOWN_OUTCOME_POLICY, retryDelayMs } from './command-runner.js';
import type { Decider, DomainEvent } from './decider.js';

type CounterEvent = DomainEvent<'Incremented', { by: number }>;
const counter: Decider<{ by: number; max: number }, number, CounterEvent> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command, state) => {
    if (state + command.by > command.max) throw new ConflictError('over the maximum');
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
};

/** A store where another writer appends to the stream just before each of our appends, `races` times. */
class RacingStore {
  constructor(
    private readonly inner: SqliteEventStore,
    private races: number,
  ) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision) {
    if (this.races > 0) {
      this.races -= 1;
      await this.inner.append(streamId, [{ ...events[0], id: randomUUID() }], 'any');
    }
    return this.inner.append(streamId, events, expected);
  }

  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
}

/**
 * A store whose next `failures` appends end without an answer: the first is stored when
 * `committed` says so (as a server that wrote it and lost the answer), the others are not.
 */
class AmbiguousStore {
  readonly appends: Array<{ ids: string[]; expected: ExpectedRevision }> = [];

  constructor(
    private readonly inner: SqliteEventStore,
    private failures: number,
    private readonly committed: boolean,
    private readonly onFailure: () => Promise<void> = async () => {},
  ) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision) {
    this.appends.push({ ids: events.map((e) => e.id), expected });
    if (this.failures > 0) {
      if (this.committed && this.appends.length === 1) await this.inner.append(streamId, events, expected);
      this.failures -= 1;
      await this.onFailure();
      throw new AppendOutcomeUnknownError(streamId, new Error('deadline exceeded'));
    }
    return this.inner.append(streamId, events, expected);
  }

  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
}

function runnerOver(store: Pick<EventStore, 'append' | 'readStream'>, inner: SqliteEventStore) {
  const noProjections = { getProviders: () => [] } as unknown as DiscoveryService;
  const projections = new ProjectionRunner(inner, new ReadModelDatabase(':memory:'), 1000, noProjections);
  return new CommandRunner(store as EventStore, new ManualClock('2026-11-22T10:00:00Z'), projections);
}

const context = { actor: 'alice', role: 'responder', correlationId: 'corr-1' } as const;

describe('CommandRunner', () => {
  let inner: SqliteEventStore;

  beforeEach(() => {
    inner = new SqliteEventStore({ path: ':memory:' });
  });

  afterEach(() => inner.close());

  it('appends the decided events with the actor, correlation id and clock in their metadata', async () => {
    const outcome = await runnerOver(inner, inner).run('counter-1', counter, { by: 2, max: 10 }, context);
    expect(outcome.state).toBe(2);
    const [stored] = await inner.readStream('counter-1');
    expect(stored.metadata).toEqual({
      actor: 'alice',
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: '2026-11-22T10:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('decides again on fresh state when another writer got there first', async () => {
    const outcome = await runnerOver(new RacingStore(inner, 2), inner).run(
      'counter-2',
      counter,
      { by: 1, max: 10 },
      context,
    );
    expect(outcome.state).toBe(3);
    expect(await inner.readStream('counter-2')).toHaveLength(3);
  });

  it('re-checks the rules on fresh state: a retry can be refused', async () => {
    const error = await runnerOver(new RacingStore(inner, 1), inner)
      .run('counter-3', counter, { by: 1, max: 1 }, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await inner.readStream('counter-3')).toHaveLength(1);
  });

  it('gives up with CONFLICT after a few attempts, having appended nothing of its own', async () => {
    const error = await runnerOver(new RacingStore(inner, 100), inner)
      .run('counter-4', counter, { by: 1, max: 1000 }, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    // the racing writer's events only: one per attempt
    expect(await inner.readStream('counter-4')).toHaveLength(RETRY_POLICY.maxAttempts);
  });

  it('waits longer after each conflict, at random up to a bound', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, () => 1))).toEqual([2, 4, 8, 16, 32]);
    expect(retryDelayMs(15, () => 1)).toBe(RETRY_POLICY.maxDelayMs);
    expect(retryDelayMs(3, () => 0.5)).toBe(4);
    const worstTotal = Array.from({ length: RETRY_POLICY.maxAttempts - 1 }, (_, i) => retryDelayMs(i + 1, () => 1));
    expect(worstTotal.reduce((a, b) => a + b, 0)).toBeLessThan(1100);
  });

  it("expects the store's revision when the stream ends with events another client wrote, which reads leave out", async () => {
    await inner.append('counter-8', [{ ...newEvent(), data: { by: 1 } }], 'no_stream');
    await inner.append('counter-8', [{ ...newEvent(), type: 'SomeoneElsesFix' }], 'any');
    const leavingOutForeign = {
      append: inner.append.bind(inner),
      readStream: async (...args: Parameters<EventStore['readStream']>) =>
        (await inner.readStream(...args)).filter((e) => e.type === 'Incremented'),
    };
    const outcome = await runnerOver(leavingOutForeign, inner).run('counter-8', counter, { by: 2, max: 10 }, context);
    expect(outcome.state).toBe(3);
    expect((await inner.readStream('counter-8')).map((e) => e.type)).toEqual([
      'Incremented',
      'SomeoneElsesFix',
      'Incremented',
    ]);
  });

  describe('after an append whose outcome is unknown', () => {
    it('sends the same events, ids and expected revision again: stored once, answered as written', async () => {
      const store = new AmbiguousStore(inner, 2, true);
      const outcome = await runnerOver(store, inner).run('counter-5', counter, { by: 3, max: 10 }, context);
      expect(outcome.state).toBe(3);
      expect(store.appends).toHaveLength(3);
      expect(new Set(store.appends.map((a) => JSON.stringify(a.ids))).size).toBe(1);
      expect(store.appends.map((a) => a.expected)).toEqual(['no_stream', 'no_stream', 'no_stream']);
      const stored = await inner.readStream('counter-5');
      expect(stored.map((e) => e.id)).toEqual(store.appends[0].ids);
    });

    it('decides again on fresh state when the repeat meets another writer: the first try was not stored', async () => {
      const store = new AmbiguousStore(inner, 1, false, async () => {
        await inner.append('counter-6', [{ ...newEvent(), type: 'Incremented', data: { by: 5 } }], 'any');
      });
      const outcome = await runnerOver(store, inner).run('counter-6', counter, { by: 1, max: 10 }, context);
      expect(outcome.state).toBe(6);
      expect(store.appends.map((a) => a.expected)).toEqual(['no_stream', 'no_stream', 0n]);
      expect(store.appends[2].ids).not.toEqual(store.appends[0].ids);
      expect((await inner.readStream('counter-6')).map((e) => e.data.by)).toEqual([5, 1]);
    });

    it('fails with the unknown outcome once the repeats are used up, having stored nothing twice', async () => {
      const store = new AmbiguousStore(inner, 100, true);
      const error = await runnerOver(store, inner)
        .run('counter-7', counter, { by: 1, max: 10 }, context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendOutcomeUnknownError);
      expect(store.appends).toHaveLength(UNKNOWN_OUTCOME_POLICY.maxAttempts);
      expect(await inner.readStream('counter-7')).toHaveLength(1);
    });
  });
});

function newEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'Incremented',
    data: {},
    metadata: {
      actor: 'other',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-11-22T10:00:00Z',
      schemaVersion: 1,
    },
  };
}
