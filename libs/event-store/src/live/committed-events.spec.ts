import type { EventStore, RecordedEvent, SubscriptionCallbacks } from '../event-store.port.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import { CommittedEvents } from './committed-events.js';

const recorded = (position: bigint) => ({ streamId: 's', type: 'T', position }) as RecordedEvent;

describe('CommittedEvents', () => {
  it('tails the store from its head and hands each batch on only once the read models have applied it', async () => {
    let callbacks!: SubscriptionCallbacks;
    let from: unknown;
    const store = {
      headPosition: async () => 41n,
      subscribeToAll: (options: { fromPosition: unknown }, given: SubscriptionCallbacks) => {
        from = options.fromPosition;
        callbacks = given;
        return { close: async () => undefined };
      },
    } as unknown as EventStore;
    const applied: Array<() => void> = [];
    const waitedFor: bigint[] = [];
    const projections = {
      waitFor: (position: bigint) => {
        waitedFor.push(position);
        return new Promise<void>((resolve) => applied.push(resolve));
      },
    } as unknown as ProjectionRunner;
    const feed = new CommittedEvents(store, projections);
    feed.onApplicationBootstrap();
    await feed.whenLive();
    expect(from).toBe(41n);

    const received: bigint[][] = [];
    feed.listen((batch) => received.push(batch.map((e) => e.position)));
    const delivery = callbacks.onEvents([recorded(42n), recorded(43n)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(waitedFor).toEqual([43n]);
    expect(received).toEqual([]);
    applied[0]();
    await delivery;
    expect(received).toEqual([[42n, 43n]]);
    await feed.onModuleDestroy();
  });

  it('does not wait for the read models while nobody listens', async () => {
    let callbacks!: SubscriptionCallbacks;
    const store = {
      headPosition: async () => 'start',
      subscribeToAll: (_: unknown, given: SubscriptionCallbacks) => {
        callbacks = given;
        return { close: async () => undefined };
      },
    } as unknown as EventStore;
    let waits = 0;
    const projections = { waitFor: async () => void waits++ } as unknown as ProjectionRunner;
    const feed = new CommittedEvents(store, projections);
    feed.onApplicationBootstrap();
    await feed.whenLive();
    await callbacks.onEvents([recorded(1n)]);
    expect(waits).toBe(0);
    await feed.onModuleDestroy();
  });
});
