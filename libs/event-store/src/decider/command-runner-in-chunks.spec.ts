import { randomUUID } from 'node:crypto';
import type { DiscoveryService } from '@nestjs/core';
import { ManualClock } from '@app/core';
import { appendSize, MIN_APPEND_BUDGET_BYTES } from '../append-budget.js';
import type { EventStore, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { ReadModelDatabase } from '../projections/read-model-database.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { CommandRunner } from './command-runner.js';
import type { Decider, DomainEvent } from './decider.js';
import { deterministicId } from './deterministic-id.js';

/** Records `count` items of `bytes` each; decided again on a partial record, it records the rest (same ids). */
type ItemRecorded = DomainEvent<'ItemRecorded', { index: number; payload: string }>;
const items: Decider<{ batch: string; count: number; bytes: number }, number, ItemRecorded> = {
  initialState: () => 0,
  evolve: (recorded) => recorded + 1,
  decide: ({ batch, count, bytes }, recorded) =>
    Array.from({ length: count - recorded }, (_, i) => ({
      type: 'ItemRecorded',
      id: deterministicId(batch, String(recorded + i)),
      data: { index: recorded + i, payload: 'x'.repeat(bytes) },
    })),
};

const KB = 1024;
const context = { actor: 'system:spec', role: 'admin', correlationId: 'corr-1' } as const;

/** Sends appends to the store, records their sizes, and runs `before` ahead of each one. */
class ObservedStore {
  readonly sizes: number[] = [];
  before?: (streamId: string, call: number) => Promise<void>;

  constructor(private readonly inner: SqliteEventStore) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision) {
    await this.before?.(streamId, this.sizes.length + 1);
    this.sizes.push(appendSize(events));
    return this.inner.append(streamId, events, expected);
  }

  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readStreamWithRevision: EventStore['readStreamWithRevision'] = (...args) =>
    this.inner.readStreamWithRevision(...args);
}

describe('CommandRunner, a decision in chunks', () => {
  let inner: SqliteEventStore;
  let store: ObservedStore;
  let runner: CommandRunner;

  beforeEach(() => {
    inner = new SqliteEventStore({ path: ':memory:', appendBudgetBytes: MIN_APPEND_BUDGET_BYTES });
    store = new ObservedStore(inner);
    const noProjections = { getProviders: () => [] } as unknown as DiscoveryService;
    const projections = new ProjectionRunner(inner, new ReadModelDatabase(':memory:'), 1000, noProjections);
    runner = new CommandRunner(
      store as unknown as EventStore,
      new ManualClock('2026-12-01T10:00:00Z'),
      projections,
      MIN_APPEND_BUDGET_BYTES,
    );
  });

  afterEach(() => inner.close());

  // 40 KB items: six fit the 256 KiB budget, so twenty are appended as 6 + 6 + 6 + 2.
  const command = { batch: 'b1', count: 20, bytes: 40 * KB };
  const all = Array.from({ length: 20 }, (_, i) => i);
  const indexes = async () => (await inner.readStream('items')).map((e) => e.data.index);

  it('appends a decision over the budget in consecutive chunks, each within it', async () => {
    const outcome = await runner.run('items', items, command, context, { inChunks: true });
    expect(outcome.state).toBe(20);
    expect(store.sizes).toHaveLength(4);
    expect(store.sizes.every((size) => size <= MIN_APPEND_BUDGET_BYTES)).toBe(true);
    expect(await indexes()).toEqual(all);
  });

  it('appends a decision within the budget at once, and refuses one over it without chunks', async () => {
    await runner.run('small', items, { ...command, count: 6 }, context, { inChunks: true });
    expect(store.sizes).toHaveLength(1);
    await expect(runner.run('items', items, command, context)).rejects.toMatchObject({
      name: 'AppendBudgetExceededError',
    });
    expect(await inner.readStream('items')).toEqual([]);
  });

  it('finishes a decision cut short when run again, with the same events', async () => {
    store.before = async (_, call) => {
      if (call === 2) throw new Error('the process stopped here');
    };
    await expect(runner.run('items', items, command, context, { inChunks: true })).rejects.toThrow('stopped here');
    expect(await indexes()).toEqual([0, 1, 2, 3, 4, 5]);
    store.before = undefined;
    await runner.run('items', items, command, context, { inChunks: true });
    const stored = await inner.readStream('items');
    expect(stored.map((e) => e.data.index)).toEqual(all);
    expect(stored.map((e) => e.id)).toEqual(stored.map((_, i) => deterministicId('b1', String(i))));
  });

  it('decides the rest again when another writer records a chunk in between', async () => {
    store.before = async (streamId, call) => {
      // Another instance, closing the same decision, records the second chunk first.
      if (call === 2) await inner.append(streamId, items.decide(command, 6).slice(0, 6).map(asNew), 5n);
    };
    await runner.run('items', items, command, context, { inChunks: true });
    expect(await indexes()).toEqual(all);
  });
});

function asNew(event: ItemRecorded): NewEvent {
  return {
    id: event.id ?? randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      actor: 'other',
      correlationId: 'c2',
      causationId: null,
      occurredAt: '2026-12-01T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}
