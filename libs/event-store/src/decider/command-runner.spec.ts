import { randomUUID } from 'node:crypto';
import type { DiscoveryService } from '@nestjs/core';
import { ConflictError, ManualClock } from '@app/core';
import type { EventStore, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { ReadModelDatabase } from '../projections/read-model-database.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { CommandRunner, RETRY_POLICY, retryDelayMs } from './command-runner.js';
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
});
