import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DiscoveryService } from '@nestjs/core';
import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { ReadModelDatabase } from './read-model-database.js';

/** Counts events per stream; `failOn` makes apply throw once for that event type. */
class CountingProjection implements Projection {
  readonly name: string = 'counting';
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

/** Fails on every Poison event, as a projection with a bug does. */
class AlwaysFailing extends CountingProjection {
  override readonly name = 'always-failing';

  override apply(event: RecordedEvent, db: Database) {
    if (event.type === 'Poison') throw new Error('cannot apply Poison');
    super.apply(event, db);
  }
}

async function eventually(condition: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function total(readModels: ReadModelDatabase): number {
  return (readModels.db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM counts').get() as { n: number }).n;
}

describe('ProjectionRunner', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projections-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function start(store: SqliteEventStore, ...projections: Projection[]) {
    const readModels = new ReadModelDatabase(join(dir, 'read-models.sqlite'));
    const discovery = {
      getProviders: () => projections.map((instance) => ({ instance })),
    } as unknown as DiscoveryService;
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

  it('is not ready before it has caught up with the store as it was at start', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const written = await store.append(
      's-0',
      [...Array(50)].map(() => event()),
      'no_stream',
    );
    const { runner, readModels } = start(store, new CountingProjection());
    const bulk: boolean[] = [];
    const catchingUp = readModels.catchingUp.bind(readModels);
    readModels.catchingUp = (on) => (bulk.push(on), catchingUp(on));
    expect(runner.readiness()).toEqual({ ready: false, catchingUp: ['counting'], stuck: [] });
    expect(runner.statuses()[0]).toMatchObject({ state: 'starting', caughtUp: false });
    await runner.waitFor(written.position);
    expect(runner.readiness()).toEqual({ ready: true, catchingUp: [], stuck: [] });
    expect([bulk[0], bulk[bulk.length - 1]]).toEqual([true, false]);
    expect(runner.statuses()[0]).toMatchObject({ state: 'running', caughtUp: true, position: written.position });
    await runner.onModuleDestroy();
    readModels.close();
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

  it('hands the live tail each committed event after the head at start once, in order, through a rebuild too', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    await store.append('s-3', [event(), event()], 'no_stream');
    const { runner, readModels } = start(store, new CountingProjection());
    const tailed: bigint[] = [];
    runner.onCommittedEvents((events) => tailed.push(...events.map((e) => e.position)));
    await runner.whenTailing();
    const later = await store.append('s-3', [event(), event()], 1n);
    await runner.waitFor(later.position);
    const positions = (await store.readAll({ fromPosition: 'start', maxCount: 10 })).map((e) => e.position);
    expect(tailed).toEqual(positions.slice(2));

    await runner.rebuild('counting');
    const last = await store.append('s-3', [event()], 3n);
    await runner.waitFor(last.position);
    expect(tailed).toEqual([...positions.slice(2), last.position]);
    await runner.onModuleDestroy();
    readModels.close();
    await store.close();
  });

  it('keeps the events before a failing one, reports that event, and is past it once a retry succeeds', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const projection = new CountingProjection();
    projection.failOn = 'Poison';
    const { runner, readModels } = start(store, projection);
    const written = await store.append('s-3', [event(), event('Poison'), event()], 'no_stream');
    const [, poison] = await store.readStream('s-3');
    await eventually(() => runner.statuses()[0].failure !== undefined, 'the failure');
    expect(total(readModels)).toBe(1);
    expect(runner.statuses()[0]).toMatchObject({
      state: 'failed',
      failure: {
        eventId: poison.id,
        streamId: 's-3',
        type: 'Poison',
        position: poison.position,
        error: 'bug in apply',
      },
    });
    expect(runner.readiness().stuck.map((s) => s.name)).toEqual(['counting']);
    await eventually(() => runner.statuses()[0].position === written.position, 'the retry');
    expect(total(readModels)).toBe(3);
    expect(runner.statuses()[0]).toMatchObject({ state: 'running', failure: undefined });
    expect(runner.readiness()).toEqual({ ready: true, catchingUp: [], stuck: [] });
    await runner.onModuleDestroy();
    readModels.close();
    await store.close();
  });

  it('lets the other projections and writers go on while one is stuck on an event', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const stuck = new AlwaysFailing();
    const healthy = new CountingProjection();
    const { runner, readModels } = start(store, stuck, healthy);
    const poisoned = await store.append('s-4', [event('Poison')], 'no_stream');
    await eventually(() => runner.readiness().stuck.length === 1, 'the stuck projection');
    const started = Date.now();
    const written = await store.append('s-4', [event(), event()], 0n);
    await runner.waitFor(written.position, 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(total(readModels)).toBe(3);
    const readiness = runner.readiness();
    expect(readiness.ready).toBe(false);
    expect(readiness.stuck).toEqual([
      {
        name: 'always-failing',
        failure: expect.objectContaining({ type: 'Poison', position: poisoned.position, error: 'cannot apply Poison' }),
      },
    ]);
    await runner.onModuleDestroy();
    readModels.close();
    await store.close();
  });

  it('passes over rows the service did not write and counts them by reason', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path });
    await store.append('s-5', [event()], 'no_stream');
    const other = new BetterSqlite3(path);
    const insert = other.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const metadata = JSON.stringify(event().metadata);
    insert.run('other-1', 0, randomUUID(), 'Happened', 'not json', metadata);
    insert.run('other-2', 0, randomUUID(), 'Happened', '{}', '{"$correlationId":"x"}');
    insert.run('other-3', 0, randomUUID(), 'Happened', '{}', '');
    insert.run('other-4', 0, randomUUID(), 'order.placed', '{}', metadata);
    insert.run('$stats-1', 0, randomUUID(), 'Happened', '{}', metadata);
    insert.run('other-5', 0, randomUUID(), '$metadata', '{}', metadata);
    other.close();
    const written = await store.append('s-5', [event()], 0n);
    const projection = new CountingProjection();
    const { runner, readModels } = start(store, projection);
    await runner.waitFor(written.position);
    expect(total(readModels)).toBe(2);
    const [status] = runner.statuses();
    expect(status.skipped.total).toBe(6);
    expect(Object.fromEntries(status.skipped.entries().map((e) => [e.reason, e.count]))).toEqual({
      'not-json': 1,
      'foreign-metadata': 1,
      'no-metadata': 1,
      'unknown-type': 1,
      'system-stream': 1,
      'system-type': 1,
    });
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['s-5', 's-5']);
    expect(await store.headPosition()).toBe(written.position);
    await runner.onModuleDestroy();
    readModels.close();
    await store.close();
  });

  it('rebuilds a read model whose store was replaced instead of resuming past its first events', async () => {
    const path = join(dir, 'events.sqlite');
    const old = new SqliteEventStore({ path });
    const before = await old.append('s-6', [event(), event(), event(), event()], 'no_stream');
    const one = start(old, new CountingProjection());
    await one.runner.waitFor(before.position);
    await one.runner.onModuleDestroy();
    one.readModels.close();
    await old.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });

    const replaced = new SqliteEventStore({ path });
    const written = await replaced.append('s-7', [event(), event()], 'no_stream');
    expect(written.position).toBeLessThan(before.position);
    const projection = new CountingProjection();
    const two = start(replaced, projection);
    await eventually(() => two.runner.readiness().ready, 'the rebuilt read model');
    expect(projection.applied).toBe(2);
    expect(total(two.readModels)).toBe(2);
    await two.runner.onModuleDestroy();
    two.readModels.close();
    await replaced.close();
  });
});
