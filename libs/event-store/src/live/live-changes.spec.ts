import { NotFoundError, TooManyRequestsError } from '@app/core';
import type { RecordedEvent } from '../event-store.port.js';
import type { CommittedEvents, CommittedEventsListener } from './committed-events.js';
import { LiveChanges } from './live-changes.js';

class FakeCommittedEvents {
  readonly listeners = new Set<CommittedEventsListener>();
  listen(listener: CommittedEventsListener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(...streamIds: string[]) {
    const batch = streamIds.map((streamId, i) => ({ streamId, type: 'Changed', position: BigInt(i) }) as RecordedEvent);
    for (const listener of [...this.listeners]) listener(batch);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveChanges', () => {
  let events: FakeCommittedEvents;
  let live: LiveChanges;
  const state = new Map<string, number>();

  beforeEach(() => {
    events = new FakeCommittedEvents();
    live = new LiveChanges(events as unknown as CommittedEvents);
    state.clear();
  });

  const watch = (maxPending?: number) =>
    live.watch({
      keysOf: (event) => (event.streamId.startsWith('thing-') ? [event.streamId.slice(6)] : []),
      load: (key) => {
        if (key === 'secret') throw new NotFoundError('Thing', key);
        if (key === 'gone') return undefined;
        return { key, version: state.get(key) ?? 0 };
      },
      maxPending,
    });

  it('coalesces changes to one object and reads it when the client takes it, so it is the newest', async () => {
    const stream = watch();
    state.set('a', 1);
    events.emit('thing-a', 'thing-a', 'other-x', 'thing-b', 'thing-a');
    state.set('a', 3);
    expect(await stream.next()).toEqual({ done: false, value: { key: 'a', version: 3 } });
    expect(await stream.next()).toEqual({ done: false, value: { key: 'b', version: 0 } });
  });

  it('leaves out objects the caller may not see (NOT_FOUND) or that are gone', async () => {
    const stream = watch();
    events.emit('thing-secret', 'thing-gone', 'thing-c');
    expect(await stream.next()).toEqual({ done: false, value: { key: 'c', version: 0 } });
  });

  it('waits for the next change, and ends at once (listening no more) when returned mid-wait', async () => {
    const stream = watch();
    const waiting = stream.next();
    await tick();
    events.emit('thing-d');
    expect(await waiting).toEqual({ done: false, value: { key: 'd', version: 0 } });
    const idle = stream.next();
    await tick();
    await stream.return!();
    expect(await idle).toEqual({ done: true, value: undefined });
    expect(events.listeners.size).toBe(0);
  });

  it('ends a subscription whose client is more than maxPending objects behind with TOO_MANY_REQUESTS, dropping its queue', async () => {
    const stream = watch(3);
    events.emit('thing-1', 'thing-2', 'thing-3');
    expect(events.listeners.size).toBe(1);
    events.emit('thing-4');
    expect(events.listeners.size).toBe(0);
    await expect(stream.next()).rejects.toThrow(TooManyRequestsError);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('looks at the keys `alsoEvery` names again on its interval, until returned', async () => {
    const stream = live.watch({
      keysOf: () => [],
      load: (key) => ({ key, version: state.get(key) ?? 0 }),
      alsoEvery: { ms: 10, keys: () => ['clock'] },
    });
    state.set('clock', 7);
    expect(await stream.next()).toEqual({ done: false, value: { key: 'clock', version: 7 } });
    await stream.return!();
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });
});
