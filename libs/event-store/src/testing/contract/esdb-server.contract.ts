import { MaxAppendSizeExceededError } from '@eventstore/db-client';
import type { EventStore } from '../../event-store.port.js';
import { contractContext } from './contract-context.js';

const ONE_MIB = 1024 * 1024;

/**
 * What an EventStoreDB server (v24.10 with its default settings) does beyond the port's
 * contract, for the adapter on a real server and on the double alike: the 1 MiB append limit,
 * counted as the server counts it (data, metadata and the type's UTF-16 bytes of every event),
 * answered with the client's MaxAppendSizeExceededError, and an append refused whole.
 */
export function esdbServerContract(name: string, open: () => Promise<EventStore>, close?: () => Promise<void>) {
  describe(`EventStoreDB server behaviour: ${name}`, () => {
    let store: EventStore;
    const { stream, event } = contractContext(() => store);

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store.close();
      await close?.();
    });

    /** An event whose JSON data is about `bytes` long. */
    const sized = (bytes: number) => event('Sized', { text: 'x'.repeat(bytes) });

    async function refusal(promise: Promise<unknown>): Promise<unknown> {
      return promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    }

    it('refuses an append over 1 MiB with MaxAppendSizeExceeded and stores none of its events', async () => {
      const s = stream('too-big');
      await store.append(s, [event('Small')], 'no_stream');
      const error = await refusal(store.append(s, [sized(400_000), sized(400_000), sized(400_000)], 0n));
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(ONE_MIB);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Small']);
      expect((await store.append(s, [event('Next')], 0n)).nextExpectedRevision).toBe(1n);
    });

    it('refuses a single event over 1 MiB', async () => {
      const s = stream('one-big');
      const error = await refusal(store.append(s, [sized(ONE_MIB + 1)], 'no_stream'));
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(await store.readStream(s)).toEqual([]);
    });

    it('stores an append just under 1 MiB, metadata and type included', async () => {
      const s = stream('nearly');
      const batch = [sized(500_000), sized(500_000)];
      const result = await store.append(s, batch, 'no_stream');
      expect(result.nextExpectedRevision).toBe(1n);
      expect((await store.readStream(s)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });

    it('counts every event of the append, not each one alone', async () => {
      const s = stream('many-small');
      const batch = [...Array(110).keys()].map(() => sized(10_000));
      const error = await refusal(store.append(s, batch, 'no_stream'));
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(await store.append(s, batch.slice(0, 90), 'no_stream')).toMatchObject({ nextExpectedRevision: 89n });
    });
  });
}
