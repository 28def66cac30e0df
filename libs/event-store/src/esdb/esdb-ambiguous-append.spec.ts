import { randomUUID } from 'node:crypto';
import type { DiscoveryService } from '@nestjs/core';
import { ManualClock } from '@app/core';
import { CommandRunner } from '../decider/command-runner.js';
import type { Decider, DomainEvent } from '../decider/decider.js';
import { AppendOutcomeUnknownError } from '../event-store.errors.js';
import type { NewEvent } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { ReadModelDatabase } from '../projections/read-model-database.js';
import { EsdbGrpcDouble, type AppendFault } from '../testing/esdb-grpc-double/index.js';
import { EsdbEventStore } from './esdb-event-store.js';

type Noted = DomainEvent<'Noted', { text: string }>;
const notes: Decider<{ text: string }, string[], Noted> = {
  initialState: () => [],
  evolve: (state, event) => [...state, event.data.text],
  decide: (command) => [{ type: 'Noted', data: { text: command.text } }],
};

function event(): NewEvent {
  return {
    id: randomUUID(),
    type: 'Noted',
    data: { text: 'x' },
    metadata: {
      actor: 'a',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-11-22T10:00:00Z',
      schemaVersion: 1,
    },
  };
}

const cases: Array<['batch-append' | 'append', AppendFault]> = [
  ['batch-append', 'unavailable'],
  ['batch-append', 'timeout'],
  ['batch-append', 'no-answer'],
  ['append', 'unavailable'],
  ['append', 'timeout'],
  ['append', 'no-answer'],
];

/** The server commits an append, then its answer is lost: the adapter says so, and a repeat is safe. */
describe.each(cases)('an append over %s whose answer is lost (%s)', (appendPath, fault) => {
  let double: EsdbGrpcDouble;
  let store: EsdbEventStore;

  beforeEach(async () => {
    double = await EsdbGrpcDouble.start({ appendPath });
    store = new EsdbEventStore({ connectionString: double.connectionString, appendDeadlineMs: 1500 });
  });

  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  it('fails with AppendOutcomeUnknownError, and the same append again is answered as the write was', async () => {
    const s = `lost-${randomUUID()}`;
    await store.append(s, [event()], 'no_stream');
    const batch = [event(), event()];
    double.failAppendsAfterCommit(fault);
    const error = await store.append(s, batch, 0n).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppendOutcomeUnknownError);
    expect((error as AppendOutcomeUnknownError).streamId).toBe(s);
    const again = await store.append(s, batch, 0n);
    expect(again.nextExpectedRevision).toBe(2n);
    const stored = await store.readStream(s);
    expect(stored.map((e) => e.id).slice(1)).toEqual(batch.map((e) => e.id));
    expect(again.position).toBe(stored[2].position);
  });

  it('lets the command runner record the change exactly once', async () => {
    const noProjections = { getProviders: () => [] } as unknown as DiscoveryService;
    const projections = new ProjectionRunner(store, new ReadModelDatabase(':memory:'), 1000, noProjections);
    const runner = new CommandRunner(store, new ManualClock('2026-11-22T10:00:00Z'), projections);
    const s = `runner-${randomUUID()}`;
    const context = { actor: 'alice', role: 'responder', correlationId: 'corr' } as const;
    double.failAppendsAfterCommit(fault, 2);
    const outcome = await runner.run(s, notes, { text: 'once' }, context, { awaitProjections: false });
    expect(outcome.state).toEqual(['once']);
    expect((await store.readStream(s)).map((e) => e.data.text)).toEqual(['once']);
  });
});
