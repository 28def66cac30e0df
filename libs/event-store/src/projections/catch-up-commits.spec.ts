import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { event, eventually, Recording, startRunner } from './projection-passes.fixture.js';

/** Batches of 100 events; while catching up, one commit per 400 of them (and none for being idle). */
const batching = { maxBatchSize: 100, eventsPerCatchUpCommit: 400, idleCommitMs: 60_000 };

describe('ProjectionRunner catching up: batches share commits', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModelsPath: string;
  /** A connection of its own: it sees only what was committed. */
  let observer: BetterSqlite3.Database | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catch-up-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    readModelsPath = join(dir, 'read-models.sqlite');
  });

  afterEach(async () => {
    observer?.close();
    observer = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** 1,000 events in 10 appends; the positions. */
  async function history(poisonAt?: number): Promise<bigint[]> {
    const positions: bigint[] = [];
    for (let append = 0; append < 10; append++) {
      const events = [...Array(100)].map((_, i) => event(append * 100 + i === poisonAt ? 'Poison' : 'Happened'));
      const written = await store.append('s', events, append === 0 ? 'no_stream' : BigInt(append * 100 - 1));
      for (let i = 99; i >= 0; i--) positions.push(written.position - BigInt(i));
    }
    return positions;
  }

  /** The checkpoint another connection sees for `name` (what a crash would keep). */
  function committed(name: string): number | null {
    observer ??= new BetterSqlite3(readModelsPath, { readonly: true });
    const row = observer.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').get(name) as
      { position: number | null } | undefined;
    return row?.position ?? null;
  }

  it('commits every 400 events before the head at start, then the batch reaching it with all before it', async () => {
    const positions = await history();
    const seen: Array<number | null> = [];
    const projection = new Recording('a');
    const { runner, readModels, counts, stop } = startRunner(store, readModelsPath, [projection], {
      batching,
      beforeDelivery: async () => void seen.push(committed('a')),
    });
    await eventually(() => runner.readiness().ready, 'ready');
    const at = (index: number) => Number(positions[index]);
    // Before each of the 10 batches: what was committed.
    expect(seen).toEqual([null, null, null, null, at(399), at(399), at(399), at(399), at(799), at(799)]);
    // Ready only once committed: the head at start, every row.
    expect(committed('a')).toBe(at(999));
    expect(projection.stored(readModels.db)).toBe(1000);
    expect(readModels.hasOpenTransaction).toBe(false);
    // Nothing failed on the way (a failure would have started another subscription).
    expect(counts.opened).toBe(1);

    const live = await store.append('s', [event()], 999n);
    await runner.waitFor(live.position);
    expect(committed('a')).toBe(Number(live.position));
    await stop();
  });

  it('a crash while catching up loses only what was not committed, and repeats nothing once started again', async () => {
    const positions = await history();
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let delivered = 0;
    const first = new Recording('a');
    const crashing = startRunner(store, readModelsPath, [first], {
      batching,
      // The 7th batch waits: 600 events applied, 400 of them committed.
      beforeDelivery: async () => {
        if (++delivered === 7) await paused;
      },
    });
    await eventually(() => first.applied.length === 600, 'six batches');
    expect(committed('a')).toBe(Number(positions[399]));
    // The process dies: its connection goes without a commit.
    crashing.readModels.db.close();
    await crashing.runner.onModuleDestroy();
    release();

    const second = new Recording('a');
    const again = startRunner(store, readModelsPath, [second], { batching });
    await eventually(() => again.runner.readiness().ready, 'ready again');
    expect(second.applied).toEqual(positions.slice(400));
    expect(second.stored(again.readModels.db)).toBe(1000);
    await again.stop();
  });

  it('when a projection throws, rolls back to the last commit and starts again one commit per batch, isolating it', async () => {
    const positions = await history(650);
    const stuck = new Recording('stuck');
    stuck.failOn = 'Poison';
    const healthy = new Recording('healthy');
    const { runner, readModels, stop } = startRunner(store, readModelsPath, [stuck, healthy], { batching });
    await eventually(() => runner.readiness().stuck.length === 1, 'the failure');
    await eventually(() => healthy.stored(readModels.db) === 1000, 'the healthy projection');
    // Applied once up to the commit at 400, then again from there after the rollback.
    const appliedTwice = healthy.applied.filter((position) => position > positions[399] && position < positions[600]);
    expect(appliedTwice.length).toBe(400);
    expect(stuck.stored(readModels.db)).toBe(650);
    expect(runner.statuses().find((s) => s.name === 'stuck')).toMatchObject({
      state: 'failed',
      position: positions[649],
      failure: { type: 'Poison', position: positions[650] },
    });
    expect(committed('healthy')).toBe(Number(positions[999]));

    stuck.failOn = undefined;
    await eventually(() => runner.readiness().ready, 'the retry');
    expect(stuck.stored(readModels.db)).toBe(1000);
    await stop();
  });

  it('commits an open transaction when no batch follows, and when the runner stops', async () => {
    await history();
    const events: RecordedEvent[] = [];
    const projection = new Recording('a');
    // The head at start is never reached in this test's time: the store's last batch waits.
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const { runner, stop } = startRunner(store, readModelsPath, [projection], {
      batching: { ...batching, idleCommitMs: 50 },
      beforeDelivery: async (batch) => {
        events.push(...batch);
        if (events.length === 300) await paused;
      },
    });
    await eventually(() => projection.applied.length === 200, 'two batches');
    await eventually(() => committed('a') === Number(events[199].position), 'the idle commit');
    release();
    await eventually(() => runner.readiness().ready, 'ready');
    await stop();
    expect(committed('a')).toBe(Number(events[999].position));
  });
});
