import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../event-store.errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';

/**
 * The behaviour every EventStore adapter must share. Streams get unique names, and reads of
 * `$all` start from the head position taken at the start of each test, so the suite also runs
 * against a real, non-empty EventStoreDB.
 */
export function eventStoreContract(adapterName: string, open: () => Promise<EventStore>, close?: () => Promise<void>) {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store.close();
      await close?.();
    });

    const stream = (name = 'contract') => `${name}-${randomUUID()}`;

    function event(type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent {
      return {
        id: randomUUID(),
        type,
        data,
        metadata: {
          actor: 'contract-test',
          correlationId: randomUUID(),
          causationId: null,
          occurredAt: '2026-11-22T10:00:00.000Z',
          schemaVersion: 1,
        },
      };
    }

    async function startOfTest(): Promise<bigint | 'start'> {
      return store.headPosition();
    }

    async function readAllSince(from: bigint | 'start', streams: string[]): Promise<RecordedEvent[]> {
      const all = await store.readAll({ fromPosition: from, maxCount: 10_000 });
      return all.filter((e) => streams.includes(e.streamId));
    }

    async function expectWrongRevision(promise: Promise<unknown>, expected: unknown, actual: unknown) {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      const wrong = error as WrongExpectedRevisionError;
      expect(wrong.expected).toEqual(expected);
      expect(wrong.actual).toEqual(actual);
    }

    describe('append', () => {
      it('creates a stream with no_stream and returns 0-based revisions', async () => {
        const s = stream();
        const first = await store.append(s, [event()], 'no_stream');
        expect(first.nextExpectedRevision).toBe(0n);
        const second = await store.append(s, [event(), event()], 0n);
        expect(second.nextExpectedRevision).toBe(2n);
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('rejects a wrong exact revision, naming stream, expected and actual', async () => {
        const s = stream();
        await store.append(s, [event(), event()], 'no_stream');
        const error = await store.append(s, [event()], 0n).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).streamId).toBe(s);
        expect((error as WrongExpectedRevisionError).expected).toBe(0n);
        expect((error as WrongExpectedRevisionError).actual).toBe(1n);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('rejects no_stream when the stream exists', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        await expectWrongRevision(store.append(s, [event()], 'no_stream'), 'no_stream', 0n);
      });

      it('rejects stream_exists and an exact revision when the stream does not exist', async () => {
        const s = stream();
        await expectWrongRevision(store.append(s, [event()], 'stream_exists'), 'stream_exists', 'no_stream');
        await expectWrongRevision(store.append(s, [event()], 3n), 3n, 'no_stream');
        expect(await store.readStream(s)).toEqual([]);
      });

      it('accepts stream_exists and any', async () => {
        const s = stream();
        await store.append(s, [event()], 'any');
        const result = await store.append(s, [event()], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1n);
        expect((await store.append(s, [event()], 'any')).nextExpectedRevision).toBe(2n);
      });

      it('treats a retried append of the same event ids as a no-op with the same result', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        const batch = [event(), event()];
        const first = await store.append(s, batch, 0n);
        const again = await store.append(s, batch, 0n);
        expect(again).toEqual(first);
        expect(await store.readStream(s)).toHaveLength(3);
      });

      it('treats a retried first append (no_stream) as a no-op', async () => {
        const s = stream();
        const batch = [event()];
        const first = await store.append(s, batch, 'no_stream');
        const again = await store.append(s, batch, 'no_stream');
        expect(again).toEqual(first);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('lets exactly one of two concurrent appends at the same revision win', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        const results = await Promise.allSettled([
          store.append(s, [event('A')], 0n),
          store.append(s, [event('B')], 0n),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('stores data and metadata exactly', async () => {
        const s = stream();
        const original = event('Detailed', {
          text: 'naïve café — 日本語 🚨',
          nested: { list: [1, 2.5, null, true], empty: {} },
          quote: '"\\',
        });
        await store.append(s, [original], 'no_stream');
        const [read] = await store.readStream(s);
        expect(read.id).toBe(original.id);
        expect(read.type).toBe('Detailed');
        expect(read.data).toEqual(original.data);
        expect(read.metadata).toEqual(original.metadata);
        expect(read.streamId).toBe(s);
        expect(read.revision).toBe(0n);
      });
    });

    describe('readStream', () => {
      it('returns an empty array for a stream that does not exist', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads forwards and backwards from a revision with a limit', async () => {
        const s = stream();
        await store.append(
          s,
          [0, 1, 2, 3, 4].map((n) => event('Numbered', { n })),
          'no_stream',
        );
        const forwards = await store.readStream(s, { fromRevision: 1n, maxCount: 2 });
        expect(forwards.map((e) => e.data.n)).toEqual([1, 2]);
        expect(forwards.map((e) => e.revision)).toEqual([1n, 2n]);
        const backwards = await store.readStream(s, { direction: 'backwards', fromRevision: 3n, maxCount: 3 });
        expect(backwards.map((e) => e.data.n)).toEqual([3, 2, 1]);
        const lastOne = await store.readStream(s, { direction: 'backwards', maxCount: 1 });
        expect(lastOne.map((e) => e.revision)).toEqual([4n]);
        const all = await store.readStream(s);
        expect(all.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
      });
    });

    describe('readAll', () => {
      it('reads every stream in global order from an inclusive position', async () => {
        const from = await startOfTest();
        const a = stream('a');
        const b = stream('b');
        await store.append(a, [event('One')], 'no_stream');
        await store.append(b, [event('Two')], 'no_stream');
        await store.append(a, [event('Three')], 0n);
        const events = await readAllSince(from, [a, b]);
        expect(events.map((e) => e.type)).toEqual(['One', 'Two', 'Three']);
        const positions = events.map((e) => e.position);
        expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
        const fromSecond = await store.readAll({ fromPosition: positions[1], maxCount: 2 });
        expect(fromSecond.map((e) => e.type)).toEqual(['Two', 'Three']);
      });

      it('reports the head position', async () => {
        const s = stream();
        const result = await store.append(s, [event()], 'no_stream');
        expect(await store.headPosition()).toBe(result.position);
      });
    });

    describe('subscribeToAll', () => {
      function collect(from: bigint | 'start', streams: string[]) {
        const received: RecordedEvent[] = [];
        const errors: Error[] = [];
        let notify = () => {};
        const subscription = store.subscribeToAll(
          { fromPosition: from },
          {
            onEvents: async (events) => {
              received.push(...events.filter((e) => streams.includes(e.streamId)));
              notify();
            },
            onError: (error) => errors.push(error),
          },
        );
        async function waitFor(count: number, timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          while (received.length < count) {
            if (Date.now() > deadline) throw new Error(`received ${received.length} of ${count} events`);
            await new Promise<void>((resolve) => {
              notify = resolve;
              setTimeout(resolve, 50);
            });
          }
        }
        return { received, errors, subscription, waitFor };
      }

      it('catches up from an exclusive position, then delivers live events', async () => {
        const s = stream();
        const first = await store.append(s, [event('Before')], 'no_stream');
        await store.append(s, [event('CaughtUp')], 0n);
        const sub = collect(first.position, [s]);
        await sub.waitFor(1);
        await store.append(s, [event('Live1'), event('Live2')], 1n);
        await sub.waitFor(3);
        expect(sub.received.map((e) => e.type)).toEqual(['CaughtUp', 'Live1', 'Live2']);
        await sub.subscription.close();
        expect(sub.errors).toEqual([]);
      });

      it('delivers nothing more after close', async () => {
        const from = await startOfTest();
        const s = stream();
        const sub = collect(from, [s]);
        await store.append(s, [event('Seen')], 'no_stream');
        await sub.waitFor(1);
        await sub.subscription.close();
        await store.append(s, [event('Unseen')], 0n);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(sub.received.map((e) => e.type)).toEqual(['Seen']);
      });

      it('reports a failing handler through onError and stops', async () => {
        const from = await startOfTest();
        const s = stream();
        const errors: Error[] = [];
        let calls = 0;
        const subscription = store.subscribeToAll(
          { fromPosition: from },
          {
            onEvents: async (events) => {
              if (events.some((e) => e.streamId === s)) {
                calls += 1;
                throw new Error('projection bug');
              }
            },
            onError: (error) => errors.push(error),
          },
        );
        await store.append(s, [event()], 'no_stream');
        const deadline = Date.now() + 5000;
        while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(errors.map((e) => e.message)).toEqual(['projection bug']);
        await store.append(s, [event()], 0n);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(calls).toBe(1);
        await subscription.close();
      });
    });

    describe('health', () => {
      it('answers when the store is reachable', async () => {
        await expect(store.checkHealth()).resolves.toBeUndefined();
      });
    });
  });
}
