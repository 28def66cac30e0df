import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DiscoveryService } from '@nestjs/core';
import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { ReadModelDatabase } from './read-model-database.js';

/** Counts events per stream; `failOn` makes apply throw once for that event type. */
class CountingProjection implements Projection {
  readonly name = 'counting';
  applied = 0;
  failOn?: string;

  constructor(readonly version = 1) {}

  setUp(db: Database) {
    db.exec('CREATE TABLE IF NOT EXISTS counts (stream_id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  }

  tearDown(db: Database) {
    db.exec('DROP TABLE IF EXISTS counts');
  }

  apply(event: RecordedEvent, db: Database) {
    if (event.type === this.failOn) {
      this.failOn = undefined;
      throw new Error('bug in apply');
    }
    this.applied += 1;
    db.prepare('INSERT INTO counts VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET n = n + 1').run(event.streamId);
  }
}

const event = (type = 'Happened'): NewEvent => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: { actor: 't', correlationId: 'c', causationId: null, occurredAt: '2026-01-01T00:00:00Z', schemaVersion: 1 },
});

function total(readModels: ReadModelDatabase): number {
  return (readModels.db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM counts').get() as { n: number }).n;
}

describe('ProjectionRunner', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projections-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function start(store: SqliteEventStore, projection: Projection) {
    const readModels = new ReadModelDatabase(join(dir, 'read-models.sqlite'));
    const discovery = { getProviders: () => [{ instance: projection }] } as unknown as DiscoveryService;
    const runner = new ProjectionRunner(store, readModels, 5000, discovery);
    runner.onApplicationBootstrap();
    return { runner, readModels };
  }

  it('applies each event once across restarts, resuming from the stored checkpoint', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const first = new CountingProjection();
    const one = start(store, first);
    const written = await store.append('s-1', [event(), event(), event()], 'no_stream');
    await one.runner.waitFor(written.position);
    expect(total(one.readModels)).toBe(3);
    await one.runner.onModuleDestroy();
    one.readModels.close();

    const more = await store.append('s-1', [event(), event()], 2n);
    const second = new CountingProjection();
    const two = start(store, second);
    await two.runner.waitFor(more.position);
    expect(second.applied).toBe(2);
    expect(total(two.readModels)).toBe(5);
    await two.runner.onModuleDestroy();
    two.readModels.close();
    await store.close();
  });

  it('rebuilds from the first event when the projection version changes, and on demand', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const written = await store.append('s-2', [event(), event()], 'no_stream');
    const v1 = start(store, new CountingProjection(1));
    await v1.runner.waitFor(written.position);
    await v1.runner.onModuleDestroy();
    v1.readModels.close();

    const projection = new CountingProjection(2);
    const v2 = start(store, projection);
    await v2.runner.waitFor(written.position);
    expect(projection.applied).toBe(2);
    expect(total(v2.readModels)).toBe(2);

    const status = await v2.runner.rebuild('counting');
    expect(status).toMatchObject({ name: 'counting', position: written.position, state: 'running' });
    expect(projection.applied).toBe(4);
    expect(total(v2.readModels)).toBe(2);
    await v2.runner.onModuleDestroy();
    v2.readModels.close();
    await store.close();
  });

  it('rolls back a failed batch with its checkpoint, then retries it', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const projection = new CountingProjection();
    projection.failOn = 'Poison';
    const { runner, readModels } = start(store, projection);
    const written = await store.append('s-3', [event(), event('Poison'), event()], 'no_stream');
    await runner.waitFor(written.position, 5000);
    expect(total(readModels)).toBe(3);
    expect(runner.statuses()[0]).toMatchObject({ state: 'running', position: written.position });
    await runner.onModuleDestroy();
    readModels.close();
    await store.close();
  });
});
