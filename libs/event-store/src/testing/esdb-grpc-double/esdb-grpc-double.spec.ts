import { randomUUID } from 'node:crypto';
import {
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  TimeoutError,
  UnavailableError,
  UnknownError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import type { AppendFault } from './append-faults.js';
import { EsdbGrpcDouble, type EsdbGrpcDoubleOptions } from './esdb-grpc-double.js';

/** The double as the real client sees it, with no adapter in between. */
describe('EsdbGrpcDouble through @eventstore/db-client', () => {
  let double: EsdbGrpcDouble;
  let client: EventStoreDBClient;

  async function start(options: EsdbGrpcDoubleOptions = {}) {
    double = await EsdbGrpcDouble.start(options);
    client = EventStoreDBClient.connectionString(double.connectionString);
  }

  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  const numbered = (count: number) => [...Array(count).keys()].map((n) => jsonEvent({ type: 'Numbered', data: { n } }));

  async function readStream(streamId: string) {
    const events = [];
    for await (const resolved of client.readStream(streamId, { direction: FORWARDS, fromRevision: START })) {
      events.push(resolved.event!);
    }
    return events;
  }

  async function failureOf(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('is appended to through BatchAppend when ServerFeatures lists it, one call for many appends', async () => {
    await start();
    for (let i = 0; i < 3; i++) await client.appendToStream(`batch-${randomUUID()}`, numbered(2));
    expect(double.calls).toEqual({ append: 0, batchAppend: 1 });
  });

  it('is appended to through plain Append when ServerFeatures is UNIMPLEMENTED', async () => {
    await start({ appendPath: 'append' });
    for (let i = 0; i < 3; i++) await client.appendToStream(`plain-${randomUUID()}`, numbered(2));
    expect(double.calls).toEqual({ append: 3, batchAppend: 0 });
  });

  it("holds the server's own $ events in $all from the start", async () => {
    await start();
    const all = [];
    for await (const resolved of client.readAll({ fromPosition: START, maxCount: 10 })) all.push(resolved.event!);
    expect(all.map((e) => [e.streamId, e.type])).toEqual([
      ['$$$stats-127.0.0.1:2113', '$metadata'],
      ['$stats-127.0.0.1:2113', '$statsCollected'],
    ]);
  });

  it('answers an empty append with the position of the record it writes, after the last event', async () => {
    await start();
    const s = `empty-${randomUUID()}`;
    const written = await client.appendToStream(s, numbered(2));
    const empty = await client.appendToStream(s, [], { expectedRevision: 1n });
    expect(empty.nextExpectedRevision).toBe(1n);
    expect(empty.position!.commit).toBeGreaterThan(written.position!.commit);
    const next = await client.appendToStream(s, numbered(1));
    expect(next.position!.commit).toBeGreaterThan(empty.position!.commit);
    expect(await readStream(s)).toHaveLength(3);
  });

  it('sends a filtered subscription checkpoints every 32 events considered and at the end of catch-up, then caught_up', async () => {
    await start();
    const s = `checkpoints-${randomUUID()}`;
    await client.appendToStream(s, numbered(40));
    const seen: string[] = [];
    const checkpoints: bigint[] = [];
    const events: AllStreamResolvedEvent[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: excludeSystemEvents({
        checkpointReached: (_subscription, position) => {
          seen.push('checkpoint');
          checkpoints.push(position.commit);
        },
      }),
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      seen.push('event');
      events.push(resolved);
    });
    const caughtUp = new Promise<void>((resolve) => subscription.on('caughtUp', () => resolve()));
    subscription.on('caughtUp', () => seen.push('caughtUp'));
    await caughtUp;
    await subscription.unsubscribe();
    expect(events).toHaveLength(40);
    // 2 server events and 30 of ours make the first 32 considered
    expect(checkpoints).toEqual([events[29].event!.position!.commit, events[39].event!.position!.commit]);
    expect(seen.indexOf('checkpoint')).toBe(30);
    expect(seen.slice(-2)).toEqual(['checkpoint', 'caughtUp']);
  });

  it('catches a live subscriber up again when it falls more than 32 events behind, with a second caught_up', async () => {
    await start();
    const s = `behind-${randomUUID()}`;
    let caughtUp = 0;
    let fellBehind = 0;
    const received: bigint[] = [];
    const subscription = client.subscribeToAll({ fromPosition: END });
    subscription.on('caughtUp', () => (caughtUp += 1));
    subscription.on('fellBehind', () => (fellBehind += 1));
    subscription.on('data', (resolved: AllStreamResolvedEvent) => received.push(resolved.event!.revision));
    await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    await client.appendToStream(s, numbered(40));
    const deadline = Date.now() + 5000;
    while ((received.length < 40 || caughtUp < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await subscription.unsubscribe();
    expect(received).toEqual([...Array(40).keys()].map(BigInt));
    expect(caughtUp).toBe(2);
    expect(fellBehind).toBe(0);
  });

  describe.each(['batch-append', 'append'] as const)('append limits (%s)', (appendPath) => {
    it('refuses an event over a configured per-event limit with the server error the 6.x client does not know', async () => {
      await start({ appendPath, limits: { maxAppendEventSize: 1000 } });
      const s = `event-limit-${randomUUID()}`;
      const error = await failureOf(
        client.appendToStream(s, [jsonEvent({ type: 'Big', data: { text: 'x'.repeat(2000) } })]),
      );
      expect(error).toBeInstanceOf(UnknownError);
      await client.appendToStream(s, [jsonEvent({ type: 'Small', data: {} })]);
      expect((await readStream(s)).map((e) => e.type)).toEqual(['Small']);
    });
  });

  const faultErrors: Array<[EsdbGrpcDoubleOptions['appendPath'], AppendFault, Function]> = [
    ['batch-append', 'unavailable', UnavailableError],
    ['batch-append', 'timeout', DeadlineExceededError],
    ['batch-append', 'no-answer', DeadlineExceededError],
    ['append', 'unavailable', UnavailableError],
    ['append', 'timeout', TimeoutError],
    ['append', 'no-answer', DeadlineExceededError],
  ];

  it.each(faultErrors)(
    'over %s, a %s fault stores the write and fails its answer with %p',
    async (appendPath, fault, type) => {
      await start({ appendPath });
      const s = `fault-${randomUUID()}`;
      const events = numbered(2);
      double.failAppendsAfterCommit(fault);
      const error = await failureOf(client.appendToStream(s, events, { expectedRevision: 'no_stream', deadline: 300 }));
      expect(error).toBeInstanceOf(type);
      expect((await readStream(s)).map((e) => e.id)).toEqual(events.map((e) => e.id));
      const again = await client.appendToStream(s, events, { expectedRevision: 'no_stream' });
      expect(again.nextExpectedRevision).toBe(1n);
      expect(await readStream(s)).toHaveLength(2);
    },
  );
});
