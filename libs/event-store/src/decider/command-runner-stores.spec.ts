import { randomUUID } from 'node:crypto';
import type { DiscoveryService } from '@nestjs/core';
import { ConflictError, ManualClock } from '@app/core';
import { EsdbEventStore } from '../esdb/esdb-event-store.js';
import type { EventStore, NewEvent, ReadStreamOptions } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { ReadModelDatabase } from '../projections/read-model-database.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { EsdbGrpcDouble } from '../testing/esdb-grpc-double/index.js';
import { CommandRunner } from './command-runner.js';
import type { Decider, DomainEvent } from './decider.js';

type Added = DomainEvent<'Added', { by: number }>;
/** A running total under a maximum, whose state the runner may keep between commands. */
const total: Decider<{ by: number; max: number }, number, Added> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command, state) => {
    if (state + command.by > command.max) throw new ConflictError('over the maximum');
    return [{ type: 'Added', data: { by: command.by } }];
  },
  keepsState: true,
};

const metadata = () => ({
  actor: 'another-client',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: '2026-12-01T10:00:00.000Z',
  schemaVersion: 1,
});
const added = (by: number): NewEvent => ({ id: randomUUID(), type: 'Added', data: { by }, metadata: metadata() });
/** Another client's event: a type the service never writes, left out of every read. */
const foreign = (): NewEvent => ({ id: randomUUID(), type: 'order.placed', data: {}, metadata: metadata() });
const context = { actor: 'alice', role: 'admin', correlationId: 'corr' } as const;

const stores: Array<{ name: string; open: () => Promise<{ store: EventStore; stop: () => Promise<void> }> }> = [
  {
    name: 'SQLite',
    open: async () => {
      const store = new SqliteEventStore({ path: ':memory:' });
      return { store, stop: () => store.close() };
    },
  },
  {
    name: 'EventStoreDB client → gRPC double',
    open: async () => {
      const double = await EsdbGrpcDouble.start();
      const store = new EsdbEventStore({ connectionString: double.connectionString });
      return {
        store,
        stop: async () => {
          await store.close();
          await double.stop();
        },
      };
    },
  },
];

/** The CommandRunner on each store: the revision it expects and what it reads, the same on both. */
describe.each(stores)('CommandRunner on $name', ({ open }) => {
  let store: EventStore;
  let stop: () => Promise<void>;
  let reads: ReadStreamOptions[];
  let runner: CommandRunner;

  beforeEach(async () => {
    ({ store, stop } = await open());
    reads = [];
    const observed = Object.create(store) as EventStore;
    observed.readStreamWithRevision = (streamId, options) => {
      reads.push(options ?? {});
      return store.readStreamWithRevision(streamId, options);
    };
    const noProjections = { getProviders: () => [] } as unknown as DiscoveryService;
    const projections = new ProjectionRunner(store, new ReadModelDatabase(':memory:'), 1000, noProjections);
    runner = new CommandRunner(observed, new ManualClock('2026-12-01T10:00:00Z'), projections);
  });

  afterEach(() => stop());

  const run = (streamId: string, by: number, max = 1000) =>
    runner.run(streamId, total, { by, max }, context, { awaitProjections: false });

  it("given a stream ending with another client's events, when a command runs, then it appends after them", async () => {
    const s = `total-${randomUUID()}`;
    await store.append(s, [added(1), foreign(), foreign()], 'no_stream');
    expect((await run(s, 2)).state).toBe(3);
    const read = await store.readStreamWithRevision(s);
    expect(read.events.map((e) => [e.revision, e.data.by])).toEqual([
      [0n, 1],
      [3n, 2],
    ]);
    expect(read.revision).toBe(3n);
  });

  it('given a kept state, when another client appends (ours and foreign), then the next command folds only what follows and expects the real revision', async () => {
    const s = `total-${randomUUID()}`;
    await store.append(
      s,
      Array.from({ length: 200 }, () => added(1)),
      'no_stream',
    );
    await run(s, 1);
    await store.append(s, [added(5), foreign()], 'any');
    expect((await run(s, 1)).state).toBe(207);
    expect(reads.map((r) => r.fromRevision)).toEqual([undefined, 200n]);
    const error = await run(s, 10, 210).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(reads.at(-1)?.fromRevision).toBe(203n);
    expect((await store.readStreamWithRevision(s)).revision).toBe(203n);
  });
});
