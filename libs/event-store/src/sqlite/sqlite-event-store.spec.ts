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
