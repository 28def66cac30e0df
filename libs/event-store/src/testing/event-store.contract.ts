import type { EventStore } from '../event-store.port.js';
import { appendContract } from './contract/append.contract.js';
import { contractContext } from './contract/contract-context.js';
import { readContract } from './contract/read.contract.js';
import { subscribeContract } from './contract/subscribe.contract.js';

export { contractContext, type ContractContext } from './contract/contract-context.js';

/**
 * The behaviour every EventStore adapter must share. Each case also holds against a real,
 * non-empty EventStoreDB that other clients write to (see contract/contract-context.ts).
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

    const context = contractContext(() => store);
    appendContract(context);
    readContract(context);
    subscribeContract(context);

    describe('health', () => {
      it('answers when the store is reachable', async () => {
        await expect(store.checkHealth()).resolves.toBeUndefined();
      });
    });
  });
}
export { esdbServerContract } from './contract/esdb-server.contract.js';
