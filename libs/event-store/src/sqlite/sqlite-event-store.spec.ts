import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));

eventStoreContract(
  'SQLite (file, WAL)',
  async () => new SqliteEventStore({ path: join(dir, 'events.sqlite') }),
  async () => rmSync(dir, { recursive: true, force: true }),
);

eventStoreContract('SQLite (in memory)', async () => new SqliteEventStore({ path: ':memory:' }));

describe('SQLite subscription catch-up', () => {
  it('lets timers and I/O run between batches instead of holding the event loop until it has caught up', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const metadata = {
      actor: 't',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-01-01T00:00:00Z',
      schemaVersion: 1,
    };
    const events = Array.from({ length: 200 }, () => ({ id: randomUUID(), type: 'E', data: {}, metadata }));
    await store.append('s', events, 'no_stream');
    let delivered = 0;
    let deliveredWhenTimerRan = -1;
    const subscription = store.subscribeToAll(
      { fromPosition: 'start', maxBatchSize: 10 },
      { onEvents: async (batch) => void (delivered += batch.length) },
    );
    setTimeout(() => (deliveredWhenTimerRan = delivered), 0);
    while (delivered < 200) await new Promise((resolve) => setTimeout(resolve, 1));
    await subscription.close();
    await store.close();
    expect(deliveredWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(deliveredWhenTimerRan).toBeLessThan(200);
  });
});
