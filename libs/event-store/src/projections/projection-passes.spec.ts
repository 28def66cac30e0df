import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import type { Projection } from './projection.js';
import { event, eventually, Recording, startRunner } from './projection-passes.fixture.js';
import type { ReadModelDatabase } from './read-model-database.js';

describe('ProjectionRunner passes', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'passes-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (...projections: Projection[]) => startRunner(store, join(dir, 'read-models.sqlite'), projections);

  const checkpoints = (readModels: ReadModelDatabase) =>
    readModels.db.prepare('SELECT name, position FROM projection_checkpoints ORDER BY name').all();

  it('reads the log once for every projection and commits every checkpoint with the batch', async () => {
    const written = await store.append('s-1', [event(), event(), event()], 'no_stream');
    const projections = ['a', 'b', 'c'].map((name) => new Recording(name));
    const { runner, readModels, counts, stop } = start(...projections);
    await runner.waitFor(written.position);
    const more = await store.append('s-1', [event(), event()], 2n);
    await runner.waitFor(more.position);
    expect(counts).toEqual({ opened: 1, open: 1, delivered: 5 });
    for (const projection of projections) expect(projection.stored(readModels.db)).toBe(5);
    const head = Number(more.position);
    expect(checkpoints(readModels)).toEqual(['a', 'b', 'c'].map((name) => ({ name, position: head })));
    await stop();
    expect(counts.open).toBe(0);
  });

  it('lets a projection that is behind catch up on its own, reading only what it lacks, then join the others', async () => {
    const first = await store.append('s-2', [event(), event(), event(), event()], 'no_stream');
    const one = start(new Recording('a'), new Recording('b'));
    await one.runner.waitFor(first.position);
    await one.stop();

    const later = await store.append('s-2', [event()], 3n);
    const a = new Recording('a');
    const b = new Recording('b', 2);
    const fresh = new Recording('c');
    const two = start(a, b, fresh);
    await two.runner.waitFor(later.position);
    expect(a.applied).toEqual([later.position]);
    expect(b.applied).toHaveLength(5);
    expect(fresh.applied).toHaveLength(5);
    expect(two.runner.readiness().ready).toBe(true);
    // b (version changed) and c (new) shared one pass from the start; a resumed from its checkpoint.
    expect(two.counts.opened).toBe(2);
    await eventually(() => two.counts.open === 1, 'the passes to merge');

    const delivered = two.counts.delivered;
    const live = await store.append('s-2', [event(), event()], 4n);
    await two.runner.waitFor(live.position);
    expect(two.counts.delivered - delivered).toBe(2);
    for (const projection of [a, b, fresh]) expect(projection.applied.at(-1)).toBe(live.position);
    expect(new Set(fresh.applied).size).toBe(fresh.applied.length);
    await two.stop();
  });

  it('rebuilds one projection from the first event while the others only follow the live events', async () => {
    const written = await store.append(
      's-3',
      [...Array(20)].map(() => event()),
      'no_stream',
    );
    const kept = new Recording('kept');
    const rebuilt = new Recording('rebuilt');
    const { runner, readModels, counts, stop } = start(kept, rebuilt);
    await runner.waitFor(written.position);

    const rebuilding = runner.rebuild('rebuilt');
    const live = await store.append('s-3', [event()], 19n);
    const status = await rebuilding;
    await runner.waitFor(live.position);
    expect(status).toMatchObject({ name: 'rebuilt', state: 'running', caughtUp: true });
    expect(kept.applied).toHaveLength(21);
    expect(rebuilt.applied).toHaveLength(41);
    expect(rebuilt.stored(readModels.db)).toBe(21);
    expect(counts.opened).toBe(2);
    await eventually(() => counts.open === 1, 'the rebuilt projection to join the main pass');
    await stop();
  });

  it('tells when the read models have first caught up, which a later rebuild does not undo', async () => {
    const written = await store.append(
      's-5',
      [...Array(30)].map(() => event()),
      'no_stream',
    );
    let hold: Promise<void> | undefined;
    let release = () => {};
    const { runner, stop } = startRunner(
      store,
      join(dir, 'read-models.sqlite'),
      [new Recording('kept'), new Recording('rebuilt')],
      { beforeDelivery: () => hold ?? Promise.resolve() },
    );
    let caughtUp = false;
    const waiting = runner.whenCaughtUp().then(() => (caughtUp = true));
    expect(caughtUp).toBe(false);
    await waiting;
    expect(runner.statuses().every((status) => status.position === written.position)).toBe(true);
    hold = new Promise((resolve) => (release = resolve));
    const rebuilding = runner.rebuild('rebuilt');
    await eventually(() => runner.readiness().catchingUp.includes('rebuilt'), 'the rebuild to start');
    await runner.whenCaughtUp();
    release();
    await rebuilding;
    await stop();
  });

  it('takes a projection out of the pass while it fails on an event, and back in once past it', async () => {
    const stuck = new Recording('stuck');
    stuck.failOn = 'Poison';
    const healthy = new Recording('healthy');
    const { runner, readModels, counts, stop } = start(stuck, healthy);
    const poisoned = await store.append('s-4', [event(), event('Poison'), event()], 'no_stream');
    await eventually(() => runner.readiness().stuck.length === 1, 'the failure');
    await runner.waitFor(poisoned.position);
    expect(healthy.stored(readModels.db)).toBe(3);
    expect(stuck.stored(readModels.db)).toBe(1);
    expect(runner.statuses().find((s) => s.name === 'stuck')).toMatchObject({
      state: 'failed',
      position: poisoned.position - 2n,
      failure: { type: 'Poison', position: poisoned.position - 1n, error: 'cannot apply Poison' },
    });

    stuck.failOn = undefined;
    await eventually(() => runner.readiness().ready, 'the retry');
    expect(stuck.stored(readModels.db)).toBe(3);
    const live = await store.append('s-4', [event()], 2n);
    await runner.waitFor(live.position);
    expect(stuck.applied.at(-1)).toBe(live.position);
    await eventually(() => counts.open === 1, 'one pass again');
    await stop();
  });
});
