import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreUnavailableError } from '../event-store.errors.js';
import type { NewEvent, RecordedEvent, StoreSubscription } from '../event-store.port.js';
import { EsdbGrpcDouble } from '../testing/esdb-grpc-double/index.js';
import { esdbServerContract, eventStoreContract } from '../testing/event-store.contract.js';
import { EsdbEventStore } from './esdb-event-store.js';

const appendPaths = [
  { path: 'batch-append', name: 'BatchAppend, as a 24.10 server' },
  { path: 'append', name: 'plain Append, ServerFeatures UNIMPLEMENTED' },
] as const;

/** The server's own limits are what these cases test, so the adapter's smaller budget is lifted. */
const noBudget = { appendBudgetBytes: Number.MAX_SAFE_INTEGER };

for (const { path, name } of appendPaths) {
  let contractDouble: EsdbGrpcDouble;
  const openOnDouble =
    (options = {}) =>
    async () => {
      contractDouble = await EsdbGrpcDouble.start({ appendPath: path });
      return new EsdbEventStore({ connectionString: contractDouble.connectionString, ...options });
    };
  eventStoreContract(`EventStoreDB client → gRPC double (${name})`, openOnDouble(), async () => contractDouble.stop());
  esdbServerContract(`gRPC double (${name})`, openOnDouble(noBudget), async () => contractDouble.stop());
}

const realServer = process.env.EVENTSTORE_TEST_CONNECTION_STRING;
if (realServer) {
  const openOnServer = async () => new EsdbEventStore({ connectionString: realServer });
  eventStoreContract('EventStoreDB server', openOnServer);
  esdbServerContract(
    'EventStoreDB server',
    async () => new EsdbEventStore({ connectionString: realServer, ...noBudget }),
  );
}

function event(type = 'Counted', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: 'esdb-spec',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-11-22T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe.each(appendPaths)('EsdbEventStore against the gRPC double ($name)', ({ path }) => {
  let double: EsdbGrpcDouble;
  let store: EsdbEventStore;
  let subscription: StoreSubscription | undefined;

  beforeEach(async () => {
    double = await EsdbGrpcDouble.start({ appendPath: path });
    store = new EsdbEventStore({ connectionString: double.connectionString, healthCheckTimeoutMs: 1000 });
  });

  afterEach(async () => {
    await subscription?.close();
    subscription = undefined;
    await store.close();
    await double.stop();
  });

  function collect(streamId: string, options: { maxBatchSize?: number; handlerDelayMs?: number } = {}) {
    const received: RecordedEvent[] = [];
    const batches: number[] = [];
    const errors: Error[] = [];
    subscription = store.subscribeToAll(
      { fromPosition: 'start', maxBatchSize: options.maxBatchSize },
      {
        onEvents: async (events) => {
          batches.push(events.length);
          if (options.handlerDelayMs) await sleep(options.handlerDelayMs);
          received.push(...events.filter((e) => e.streamId === streamId));
        },
        onError: (error) => errors.push(error),
      },
    );
    return { received, batches, errors };
  }

  /** Appends events numbered from..from+count-1, `perAppend` at a time. */
  async function appendNumbered(streamId: string, from: number, count: number, perAppend = 1): Promise<void> {
    for (let n = from; n < from + count; n += perAppend) {
      const events = [...Array(perAppend).keys()].map((i) => event('Counted', { n: n + i }));
      await store.append(streamId, events, n === 0 ? 'no_stream' : BigInt(n - 1));
    }
  }

  it('resubscribes after dropped connections and delivers every event exactly once, in order', async () => {
    const s = `drops-${randomUUID()}`;
    const sub = collect(s, { maxBatchSize: 3, handlerDelayMs: 80 });
    await appendNumbered(s, 0, 12, 4);
    await eventually(() => sub.received.length >= 3, 'the first events');
    expect(double.dropSubscriptions('unavailable')).toBe(1);
    await appendNumbered(s, 12, 12, 4);
    await eventually(() => double.openSubscriptionCount === 1, 'the first resubscription');
    expect(double.dropSubscriptions('end-of-stream')).toBe(1);
    await appendNumbered(s, 24, 12, 4);
    await eventually(() => double.openSubscriptionCount === 1, 'the second resubscription');
    expect(double.dropSubscriptions('unavailable')).toBe(1);
    await eventually(() => sub.received.length >= 36, 'all 36 events');
    await sleep(100);
    expect(sub.received.map((e) => e.data.n)).toEqual([...Array(36).keys()]);
    expect(sub.received.map((e) => e.revision)).toEqual([...Array(36).keys()].map(BigInt));
    expect(Math.max(...sub.batches)).toBeLessThanOrEqual(3);
    expect(sub.errors).toEqual([]);
  });

  it('does not resubscribe once closed while waiting to resubscribe', async () => {
    const s = `closed-${randomUUID()}`;
    const sub = collect(s);
    await appendNumbered(s, 0, 1);
    await eventually(() => sub.received.length === 1, 'the first event');
    double.dropSubscriptions('unavailable');
    await subscription?.close();
    await sleep(300);
    expect(double.openSubscriptionCount).toBe(0);
  });

  it('resubscribes when the server comes back after a restart', async () => {
    const s = `restart-${randomUUID()}`;
    const sub = collect(s);
    await appendNumbered(s, 0, 3);
    await eventually(() => sub.received.length === 3, 'the events before the restart');
    await double.stop();
    await sleep(150);
    await double.start();
    await appendNumbered(s, 3, 3);
    await eventually(() => sub.received.length >= 6, 'the events after the restart');
    await sleep(100);
    expect(sub.received.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sub.errors).toEqual([]);
  });

  it('never runs the handler concurrently and batches what arrived meanwhile, up to maxBatchSize', async () => {
    const s = `batches-${randomUUID()}`;
    const received: RecordedEvent[] = [];
    const batchSizes: number[] = [];
    let running = 0;
    let overlapped = false;
    let releaseFirstCall = () => {};
    const firstCallReleased = new Promise<void>((resolve) => (releaseFirstCall = resolve));
    subscription = store.subscribeToAll(
      { fromPosition: await store.headPosition(), maxBatchSize: 4 },
      {
        onEvents: async (events) => {
          overlapped ||= running > 0;
          running += 1;
          batchSizes.push(events.length);
          await firstCallReleased;
          received.push(...events);
          running -= 1;
        },
      },
    );
    await store.append(s, [event('First')], 'no_stream');
    await eventually(() => running === 1, 'the first handler call');
    await store.append(
      s,
      [...Array(9)].map(() => event()),
      0n,
    );
    await sleep(50);
    releaseFirstCall();
    await eventually(() => received.length === 10, 'all 10 events');
    expect(overlapped).toBe(false);
    expect(batchSizes).toEqual([1, 4, 4, 1]);
    expect(received.map((e) => e.revision)).toEqual([...Array(10).keys()].map(BigInt));
  });

  it('leaves system events out of readAll, subscriptions and the head position', async () => {
    const s = `system-${randomUUID()}`;
    const sub = collect(s);
    const first = await store.append(s, [event('Before')], 'no_stream');
    for (let i = 0; i < 150; i++) double.appendSystemEvent();
    expect(await store.headPosition()).toBe(first.position);
    await store.append(s, [event('After')], 0n);
    const all = await store.readAll({ fromPosition: first.position });
    expect(all.map((e) => e.type)).toEqual(['Before', 'After']);
    await eventually(() => sub.received.length === 2, 'both events');
    expect(sub.received.map((e) => e.type)).toEqual(['Before', 'After']);
    expect(sub.batches.reduce((sum, size) => sum + size, 0)).toBe(2);
  });

  it('answers an empty append with the current revision and the head position', async () => {
    const s = `empty-${randomUUID()}`;
    const written = await store.append(s, [event(), event()], 'no_stream');
    double.appendSystemEvent();
    expect(await store.append(s, [], 'any')).toEqual(written);
    await expect(store.append(s, [], 0n)).rejects.toMatchObject({ expected: 0n, actual: 1n });
  });

  it('reads $all across pages without losing or repeating an event', async () => {
    const s = `pages-${randomUUID()}`;
    await store.append(
      s,
      [...Array(2500)].map((_, n) => event('Counted', { n })),
      'no_stream',
    );
    const all = await store.readAll();
    expect(all.map((e) => e.data.n)).toEqual([...Array(2500).keys()]);
    const some = await store.readAll({ fromPosition: all[999].position, maxCount: 1001 });
    expect(some.map((e) => e.data.n)).toEqual([...Array(1001).keys()].map((n) => n + 999));
  });

  it('fails the health check while the server is stopped and passes again once it is back', async () => {
    await expect(store.checkHealth()).resolves.toBeUndefined();
    await double.stop();
    await expect(store.checkHealth()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await double.start();
    await eventually(
      () =>
        store.checkHealth().then(
          () => true,
          () => false,
        ),
      'a healthy store after the restart',
    );
  });
});
