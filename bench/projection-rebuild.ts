/**
 * Building every read model from the event log, against a baseline measured in the same run:
 * reading and JSON-parsing the same rows raw with better-sqlite3.
 *
 * It seeds EVENTS events (responders, rotations, policies, then unavailability spans, overrides and
 * escalations' lives) into a SQLite store, then starts the application (every module, in this
 * process) on an empty read-model file and times it until every projection has caught up
 * (readiness). Then it restarts the application on the kept read models and times it to ready,
 * in this process and as the built service (`dist/apps/api/src/main.js`, from spawn to
 * `/health/ready` answering 200). It prints the read models' size against the store's, with the
 * largest tables and indexes of each (SQLite's dbstat), and the floor of a rebuild: the built rows
 * copied into an empty file by SQLite alone, against which it prints what 0.5x the raw rate leaves
 * for the projections' own work.
 *
 *   npm run bench:rebuild            (EVENTS=200000 to change the count; PROFILE=1 also prints the
 *                                     time each projection spent in apply + flush, which costs a little)
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import BetterSqlite3 from 'better-sqlite3';
import { ProjectionRunner, ReadModelProjection, SqliteEventStore, type Projection } from '@app/event-store';
import { freePort } from '../test/support/service-process.js';
import { printTable, processCpuMs, rate, tempDir } from './bench-support.js';
import { history } from './rebuild-history.js';

const EVENTS = Number(process.env.EVENTS ?? 200_000);
const PROFILE = process.env.PROFILE === '1';

async function seed(path: string): Promise<number> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  const pending: Array<Promise<unknown>> = [];
  let count = 0;
  for (const [stream, events] of history(EVENTS, Date.now())) {
    pending.push(store.append(stream, events, 'any'));
    count += events.length;
    if (pending.length === 2_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await store.close();
  return count;
}

/** Wall time and this process's CPU time (ms) since `from`. */
function since(from: { wall: number; cpu: NodeJS.CpuUsage }): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(from.cpu);
  return { wall: performance.now() - from.wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const now = () => ({ wall: performance.now(), cpu: process.cpuUsage() });

function rawReadAndParse(path: string): { wall: number; cpu: number; count: number } {
  const db = new BetterSqlite3(path, { readonly: true });
  const started = now();
  let count = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{
    data: string;
    metadata: string;
  }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    count++;
  }
  const elapsed = since(started);
  db.close();
  return { ...elapsed, count };
}

interface Started {
  /** From NestFactory.create to every projection ready. */
  ms: number;
  /** From the end of app.init (the projections start at its end) to ready: wall and CPU time. */
  projections: { wall: number; cpu: number };
  close: () => Promise<void>;
}

/** Wall time each projection spent in `apply` and `flush` (PROFILE=1): where a rebuild's time goes. */
const spent = new Map<string, number>();

function timeProjections(app: INestApplicationContext): void {
  const providers = app.get(DiscoveryService).getProviders({ metadataKey: ReadModelProjection.KEY });
  for (const projection of providers.map((wrapper) => wrapper.instance as Projection)) {
    for (const method of ['apply', 'flush'] as const) {
      const original = projection[method] as ((...args: unknown[]) => void) | undefined;
      if (!original) continue;
      (projection as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const started = performance.now();
        try {
          return original.apply(projection, args);
        } finally {
          spent.set(projection.name, (spent.get(projection.name) ?? 0) + performance.now() - started);
        }
      };
    }
  }
}

/** Starts the application in this process; resolves with the time until every projection is ready. */
async function startApp(): Promise<Started> {
  const { AppModule } = await import('../apps/api/src/app.module.js');
  const started = performance.now();
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'], bodyParser: false });
  if (PROFILE) timeProjections(app);
  await app.init();
  const initialised = now();
  const runner = app.get(ProjectionRunner);
  while (!runner.readiness().ready) {
    const { stuck } = runner.readiness();
    if (stuck.length > 0) throw new Error(`stuck projections: ${JSON.stringify(stuck, (_, v) => String(v))}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return { ms: performance.now() - started, projections: since(initialised), close: () => app.close() };
}

/** The built service in its own process, from spawn to `/health/ready` answering 200: wall and its CPU time. */
async function spawnToReady(env: Record<string, string>): Promise<{ wall: number; cpu: number }> {
  const main = join(process.cwd(), 'dist/apps/api/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('the service exited');
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) return { wall: performance.now() - started, cpu: processCpuMs(child.pid) ?? Number.NaN };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

function sizeOf(path: string): number {
  return [path, `${path}-wal`].reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
}

/**
 * The least any rebuild can spend writing these read models: their rows copied, already in key
 * order, into an empty file with the same tables and indexes, in one transaction, by SQLite alone
 * (no JavaScript, no event folded). Wall ms and the number of rows.
 */
function copyFloor(from: string, to: string): { wall: number; rows: number } {
  const db = new BetterSqlite3(to);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`ATTACH '${from.replaceAll("'", "''")}' AS built`);
  const schema = db
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM built.sqlite_master
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'`,
    )
    .all();
  for (const object of schema) db.exec(object.sql);
  const started = performance.now();
  let rows = 0;
  db.transaction(() => {
    for (const { name } of schema.filter((object) => object.type === 'table')) {
      rows += db.prepare(`INSERT INTO main."${name}" SELECT * FROM built."${name}"`).run().changes;
    }
  })();
  const wall = performance.now() - started;
  db.close();
  return { wall, rows };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function largestTables(path: string, count: number): Array<{ table: string; MB: number; 'bytes/event': number }> {
  const db = new BetterSqlite3(path, { readonly: true });
  const rows = db
    .prepare<[number], { name: string; bytes: number }>(
      'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT ?',
    )
    .all(count);
  db.close();
  return rows.map((row) => ({
    table: row.name,
    MB: Number((row.bytes / 1024 / 1024).toFixed(2)),
    'bytes/event': Math.round(row.bytes / EVENTS),
  }));
}

async function main() {
  const dir = tempDir('bench-rebuild-');
  const events = dir.path('events.sqlite');
  const readModels = dir.path('read-models.sqlite');
  const env = {
    SQLITE_PATH: events,
    READ_MODEL_PATH: readModels,
    JWT_SECRET_FILE: dir.path('jwt-secret'),
    NOTIFICATION_SECRET: 'bench-notification-secret-bench-notification-secret',
    DUE_TASK_POLL_INTERVAL_MS: '3600000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  Object.assign(process.env, env);
  try {
    const seeding = performance.now();
    const seeded = await seed(events);
    console.log(`seeded ${seeded} events in ${Math.round(performance.now() - seeding)} ms`);
    const before = rawReadAndParse(events);
    const rebuilt = await startApp();
    await rebuilt.close();
    // Measured before and after, as the machine's load may change in between.
    const after = rawReadAndParse(events);
    const count = before.count;
    const baseline = { wall: (before.wall + after.wall) / 2, cpu: (before.cpu + after.cpu) / 2 };
    if (PROFILE) {
      const rows = [...spent].sort((a, b) => b[1] - a[1]);
      printTable(
        'Wall time in each projection (apply + flush) during the rebuild',
        rows.map(([name, ms]) => ({
          projection: name,
          ms: Math.round(ms),
          'µs/event': +((ms * 1000) / count).toFixed(1),
        })),
      );
      spent.clear();
    }
    const restarted = await startApp();
    await restarted.close();
    // The first start also fills the compile cache (a restart finds it): the median of three.
    const spawns = [await spawnToReady(env), await spawnToReady(env), await spawnToReady(env)];
    const spawned = spawns.sort((a, b) => a.wall - b.wall)[1];

    const row = (name: string, took: { wall: number; cpu: number }) => ({
      case: name,
      'events/s': rate(count, took.wall),
      'vs baseline': `${(baseline.wall / took.wall).toFixed(2)}x`,
      'events/CPU-s': rate(count, took.cpu),
      'CPU vs baseline': `${(baseline.cpu / took.cpu).toFixed(2)}x`,
    });
    const whole = { wall: rebuilt.ms, cpu: rebuilt.projections.cpu };
    printTable(`Building every read model from ${count} events`, [
      row('baseline: raw read + JSON.parse of the same rows', baseline),
      row('every projection, from app init to ready', rebuilt.projections),
      { ...row('the same, counting Nest start-up too', whole), 'events/CPU-s': '', 'CPU vs baseline': '' },
    ]);
    const rebuildRate = rate(count, rebuilt.projections.wall);
    const rebuildRatio = baseline.wall / rebuilt.projections.wall;
    printTable(`Restart with checkpoints at ${count} events`, [
      { case: 'in this process: NestFactory.create to ready', ms: Math.round(restarted.ms) },
      { case: 'in this process: end of app.init to ready', ms: Math.round(restarted.projections.wall) },
      { case: 'built service: spawn to /health/ready 200 (median of 3)', ms: Math.round(spawned.wall) },
      { case: 'built service: its CPU time until then', ms: Math.round(spawned.cpu) },
    ]);
    const floor = copyFloor(readModels, dir.path('read-models-copy.sqlite'));
    // At 0.5x the raw rate a rebuild may take twice the baseline: one baseline reads and parses, the
    // floor writes, and what is left is every projection's own work (folding, encoding, its statements).
    const left = baseline.wall - floor.wall;
    const spentOnProjections = rebuilt.projections.wall - baseline.wall - floor.wall;
    printTable(`What a rebuild at 0.5x the raw rate leaves for the projections' own work (${floor.rows} rows)`, [
      { part: 'reading and parsing the events (the baseline)', ms: Math.round(baseline.wall) },
      { part: 'writing the rows, sorted, SQLite alone (the floor)', ms: Math.round(floor.wall) },
      {
        part: 'left at 0.5x for the projections (µs/event)',
        ms: Math.round(left),
        'µs/event': +((left * 1000) / count).toFixed(2),
      },
      {
        part: 'what they spent in this rebuild (µs/event)',
        ms: Math.round(spentOnProjections),
        'µs/event': +((spentOnProjections * 1000) / count).toFixed(2),
      },
    ]);
    printTable('Largest tables and indexes of the read models', largestTables(readModels, 10));
    printTable('Largest tables and indexes of the event store', largestTables(events, 4));
    const storeSize = sizeOf(events);
    const readModelSize = sizeOf(readModels);
    console.log(
      `event store ${mb(storeSize)}, read models ${mb(readModelSize)} (${(readModelSize / storeSize).toFixed(2)}x the store)`,
    );
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `targets: rebuild >= 100k events/s -> ${met(rebuildRate >= 100_000)}; >= 0.5x the raw read rate -> ${met(rebuildRatio >= 0.5)}; ` +
        `restart to ready <= 1 s -> ${met(restarted.ms <= 1000)} (in process), ${met(spawned.wall <= 1000)} (spawned)`,
    );
  } finally {
    dir.remove();
  }
}

void main();
