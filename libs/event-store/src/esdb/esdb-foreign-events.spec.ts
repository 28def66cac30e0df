import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreDBClient, binaryEvent, jsonEvent } from '@eventstore/db-client';
import type { NewEvent, RecordedEvent, StoreSubscription } from '../event-store.port.js';
import type { SkippedEvent } from '../foreign-events.js';
import { EsdbGrpcDouble } from '../testing/esdb-grpc-double/index.js';
import { EsdbEventStore } from './esdb-event-store.js';

const metadata = () => ({
  actor: 'esdb-spec',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: '2026-11-22T10:00:00.000Z',
  schemaVersion: 1,
});

const ours = (type = 'Counted'): NewEvent => ({ id: randomUUID(), type, data: {}, metadata: metadata() });

async function eventually(condition: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Events another client (the real @eventstore/db-client) writes into the store the adapter reads. */
describe('EsdbEventStore and events the service did not write', () => {
  let double: EsdbGrpcDouble;
  let store: EsdbEventStore;
  let other: EventStoreDBClient;
  let subscription: StoreSubscription | undefined;

  beforeEach(async () => {
    double = await EsdbGrpcDouble.start();
    store = new EsdbEventStore({ connectionString: double.connectionString });
    other = EventStoreDBClient.connectionString(double.connectionString);
  });

  afterEach(async () => {
    await subscription?.close();
    subscription = undefined;
    await store.close();
    await other.dispose();
    await double.stop();
  });

  async function appendForeign(stream: string): Promise<void> {
    await other.appendToStream(stream, [
      binaryEvent({ type: 'Blob', data: Buffer.from([1, 2, 3]) }),
      jsonEvent({ type: 'NoMetadata', data: { a: 1 } }),
      jsonEvent({ type: 'TheirMetadata', data: { a: 1 }, metadata: { $correlationId: 'x' } }),
      jsonEvent({ type: 'their.event', data: { a: 1 }, metadata: metadata() }),
      jsonEvent({ type: 'NotAnObject', data: [1, 2] as never, metadata: metadata() }),
      jsonEvent({ type: '$>', data: { link: '0@x' }, metadata: metadata() }),
    ]);
    await other.appendToStream('$their-system-stream', jsonEvent({ type: 'Counted', data: {}, metadata: metadata() }));
  }

  it('reads, subscribes and finds the head past them, and reports each one the subscription passes over', async () => {
    const s = `mine-${randomUUID()}`;
    const first = await store.append(s, [ours('First')], 'no_stream');
    await appendForeign(`theirs-${randomUUID()}`);
    double.appendSystemEvent();
    const last = await store.append(s, [ours('Last')], 0n);
    await appendForeign(`theirs-${randomUUID()}`);

    expect((await store.readAll()).map((e) => e.type)).toEqual(['First', 'Last']);
    expect((await store.readAll({ maxCount: 1 })).map((e) => e.id)).toHaveLength(1);
    expect(await store.headPosition()).toBe(last.position);

    const received: RecordedEvent[] = [];
    const skipped: SkippedEvent[] = [];
    const errors: Error[] = [];
    subscription = store.subscribeToAll(
      { fromPosition: 'start' },
      {
        onEvents: async (events) => void received.push(...events),
        onSkipped: (event) => skipped.push(event),
        onError: (error) => errors.push(error),
      },
    );
    await eventually(() => received.length === 2 && skipped.length === 12, 'both events and every skipped one');
    await sleep(50);
    expect(received.map((e) => e.position)).toEqual([first.position, last.position]);
    expect(errors).toEqual([]);
    expect(skipped.map((e) => e.reason)).toEqual(
      [...Array(2)].flatMap(() => [
        'not-json',
        'no-metadata',
        'foreign-metadata',
        'unknown-type',
        'not-json',
        'system-type',
      ]),
    );
    expect(skipped.some((e) => e.streamId.startsWith('$'))).toBe(false);
  });

  it('leaves them out of a stream the service reads', async () => {
    const s = `mixed-${randomUUID()}`;
    await store.append(s, [ours('Mine')], 'no_stream');
    await other.appendToStream(s, jsonEvent({ type: 'NoMetadata', data: { a: 1 } }));
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Mine']);
  });
});
