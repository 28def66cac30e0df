import type { RecordedEvent } from '../../event-store.port.js';
import type { ContractContext } from './contract-context.js';

/**
 * Catch-up subscriptions to `$all`. Handlers keep to the case's own streams, since other writers
 * and the server's own events share `$all`. Cases marked "ported" restate tests of
 * @eventstore/db-client 6.2.1 (subscribeToAll.test.ts).
 */
export function subscribeContract({ store, stream, event, startOfTest }: ContractContext) {
  describe('subscribeToAll', () => {
    function collect(from: bigint | 'start', streams: string[], handlerDelayMs = 0) {
      const received: RecordedEvent[] = [];
      const errors: Error[] = [];
      let notify = () => {};
      const subscription = store().subscribeToAll(
        { fromPosition: from },
        {
          onEvents: async (events) => {
            if (handlerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
            received.push(...events.filter((e) => streams.includes(e.streamId)));
            notify();
          },
          onError: (error) => errors.push(error),
        },
      );
      async function waitFor(count: number, timeoutMs = 10_000) {
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
      const first = await store().append(s, [event('Before')], 'no_stream');
      await store().append(s, [event('CaughtUp')], 0n);
      const sub = collect(first.position, [s]);
      await sub.waitFor(1);
      await store().append(s, [event('Live1'), event('Live2')], 1n);
      await sub.waitFor(3);
      expect(sub.received.map((e) => e.type)).toEqual(['CaughtUp', 'Live1', 'Live2']);
      await sub.subscription.close();
      expect(sub.errors).toEqual([]);
    });

    it('ported: from the head delivers only what is appended afterwards', async () => {
      const s = stream();
      await store().append(s, [event('Old')], 'no_stream');
      const sub = collect(await startOfTest(), [s]);
      await store().append(s, [event('New')], 0n);
      await sub.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sub.received.map((e) => e.type)).toEqual(['New']);
      await sub.subscription.close();
    });

    it('ported: delivers every live event in order when a slow handler falls behind', async () => {
      const s = stream();
      const sub = collect(await startOfTest(), [s], 5);
      for (let n = 0; n < 120; n += 10) {
        const events = [...Array(10).keys()].map((i) => event('Numbered', { n: n + i }));
        await store().append(s, events, n === 0 ? 'no_stream' : BigInt(n - 1));
      }
      await sub.waitFor(120);
      expect(sub.received.map((e) => e.data.n)).toEqual([...Array(120).keys()]);
      expect(sub.received.map((e) => e.revision)).toEqual([...Array(120).keys()].map(BigInt));
      await sub.subscription.close();
      expect(sub.errors).toEqual([]);
    });

    it('delivers nothing more after close', async () => {
      const from = await startOfTest();
      const s = stream();
      const sub = collect(from, [s]);
      await store().append(s, [event('Seen')], 'no_stream');
      await sub.waitFor(1);
      await sub.subscription.close();
      await store().append(s, [event('Unseen')], 0n);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sub.received.map((e) => e.type)).toEqual(['Seen']);
    });

    it('reports a failing handler through onError and stops', async () => {
      const from = await startOfTest();
      const s = stream();
      const errors: Error[] = [];
      let calls = 0;
      const subscription = store().subscribeToAll(
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
      await store().append(s, [event()], 'no_stream');
      const deadline = Date.now() + 5000;
      while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(errors.map((e) => e.message)).toEqual(['projection bug']);
      await store().append(s, [event()], 0n);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).toBe(1);
      await subscription.close();
    });
  });
}
