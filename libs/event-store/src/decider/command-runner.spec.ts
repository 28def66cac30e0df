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
  readStreamWithRevision: EventStore['readStreamWithRevision'] = (...args) =>
    this.inner.readStreamWithRevision(...args);
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
  readStreamWithRevision: EventStore['readStreamWithRevision'] = (...args) =>
    this.inner.readStreamWithRevision(...args);
}

function runnerOver(store: Pick<EventStore, 'append' | 'readStreamWithRevision'>, inner: SqliteEventStore) {
  const noProjections = { getProviders: () => [] } as unknown as DiscoveryService;
  const projections = new ProjectionRunner(inner, new ReadModelDatabase(':memory:'), 1000, noProjections);
  return new CommandRunner(store as EventStore, new ManualClock('2026-11-22T10:00:00Z'), projections);
}

const context = { actor: 'alice', role: 'responder', correlationId: 'corr-1' } as const;

/** The counter, allowed to keep its state between commands, and counting the events it folds. */
function keptCounter() {
  const folded = { count: 0 };
  const decider: Decider<{ by: number; max: number }, number, CounterEvent> = {
    ...counter,
    keepsState: true,
    evolve: (state, event) => {
      folded.count += 1;
      return counter.evolve(state, event);
    },
  };
  return { decider, folded };
}

/** Records what each read of a stream asked for and how many events it returned. */
class ReadCountingStore {
  readonly reads: Array<{ from: bigint | 'start' | 'end' | undefined; events: number }> = [];

  constructor(private readonly inner: SqliteEventStore) {}

  append: EventStore['append'] = (...args) => this.inner.append(...args);

  readStreamWithRevision: EventStore['readStreamWithRevision'] = async (streamId, options) => {
    const read = await this.inner.readStreamWithRevision(streamId, options);
    this.reads.push({ from: options?.fromRevision, events: read.events.length });
    return read;
  };
}

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
    await inner.append('counter-8', [{ ...newEvent(), type: 'someone.elses-fix' }], 'any');
    expect((await inner.readStream('counter-8')).map((e) => e.type)).toEqual(['Incremented']);
    const appends: ExpectedRevision[] = [];
    const observed = {
      append: (streamId: string, events: NewEvent[], expected: ExpectedRevision) => {
        appends.push(expected);
        return inner.append(streamId, events, expected);
      },
      readStreamWithRevision: inner.readStreamWithRevision.bind(inner),
    };
    const outcome = await runnerOver(observed, inner).run('counter-8', counter, { by: 2, max: 10 }, context);
    expect(outcome.state).toBe(3);
    expect(appends).toEqual([1n]);
    expect((await inner.readStream('counter-8')).map((e) => e.data.by)).toEqual([1, 2]);
    expect((await inner.readStreamWithRevision('counter-8')).revision).toBe(2n);
  });

  describe('a decider that keeps its state between commands', () => {
    async function given(streamId: string, count: number) {
      const events = Array.from({ length: count }, () => ({ ...newEvent(), data: { by: 1 } }));
      await inner.append(streamId, events, 'no_stream');
    }

    it('given a long stream, when commands follow one another, then each reads only from the last event it knows', async () => {
      await given('kept-1', 1000);
      const store = new ReadCountingStore(inner);
      const { decider, folded } = keptCounter();
      const runner = runnerOver(store, inner);
      expect((await runner.run('kept-1', decider, { by: 1, max: 5000 }, context)).state).toBe(1001);
      expect(folded.count).toBe(1001);
      folded.count = 0;
      for (let i = 0; i < 3; i++) await runner.run('kept-1', decider, { by: 1, max: 5000 }, context);
      expect(folded.count).toBe(3);
      expect(store.reads.slice(1)).toEqual([
        { from: 1000n, events: 1 },
        { from: 1001n, events: 1 },
        { from: 1002n, events: 1 },
      ]);
      expect((await inner.readStream('kept-1')).length).toBe(1004);
    });

    it('given another writer appended after the kept state, then its events are folded on top and the rules see them', async () => {
      await given('kept-2', 5);
      const { decider } = keptCounter();
      const runner = runnerOver(inner, inner);
      await runner.run('kept-2', decider, { by: 1, max: 10 }, context);
      await inner.append('kept-2', [{ ...newEvent(), data: { by: 3 } }], 5n);
      const error = await runner.run('kept-2', decider, { by: 2, max: 10 }, context).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((await runner.run('kept-2', decider, { by: 1, max: 10 }, context)).state).toBe(10);
      expect(await runner.load('kept-2', decider)).toBe(10);
    });

    it('given a kept state whose event is no longer at its revision (a replaced store), then the whole stream is read again', async () => {
      const { decider } = keptCounter();
      const store = { current: inner };
      const switching = {
        append: (...args: Parameters<EventStore['append']>) => store.current.append(...args),
        readStreamWithRevision: (...args: Parameters<EventStore['readStreamWithRevision']>) =>
          store.current.readStreamWithRevision(...args),
      };
      const runner = runnerOver(switching, inner);
      await given('kept-3', 3);
      await runner.run('kept-3', decider, { by: 1, max: 100 }, context);
      const replaced = new SqliteEventStore({ path: ':memory:' });
      store.current = replaced;
      await replaced.append(
        'kept-3',
        Array.from({ length: 6 }, () => ({ ...newEvent(), data: { by: 10 } })),
        'no_stream',
      );
      expect((await runner.run('kept-3', decider, { by: 1, max: 100 }, context)).state).toBe(61);
      await replaced.close();
    });

    it("given a stream ending with another client's event after the kept state, then the append expects its revision", async () => {
      await given('kept-4', 2);
      const { decider } = keptCounter();
      const runner = runnerOver(inner, inner);
      await runner.run('kept-4', decider, { by: 1, max: 100 }, context);
      await inner.append('kept-4', [{ ...newEvent(), type: 'someone.elses-fix' }], 'any');
      expect((await runner.run('kept-4', decider, { by: 1, max: 100 }, context)).state).toBe(4);
      expect((await inner.readStreamWithRevision('kept-4')).revision).toBe(4n);
    });

    it('keeps nothing for a decider that does not allow it', async () => {
      await given('kept-5', 3);
      const store = new ReadCountingStore(inner);
      const runner = runnerOver(store, inner);
      await runner.run('kept-5', counter, { by: 1, max: 100 }, context);
      await runner.run('kept-5', counter, { by: 1, max: 100 }, context);
      expect(store.reads).toEqual([
        { from: undefined, events: 3 },
        { from: undefined, events: 4 },
      ]);
    });
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
