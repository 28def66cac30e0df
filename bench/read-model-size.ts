/**
 * The read models' size on disk against the event store's, for the same history: a mix of
 * escalations (raised, paged, acknowledged, noted, most of them resolved, as the escalation
 * decider decides them), overrides and unavailability spans over rotations and responders. The
 * history is written straight into the embedded store's file (as bench/open-escalations-latency.ts
 * does); the service (dist/apps/api/src/main.js, its own process) then builds every read model into
 * a SQLite file and answers its readiness check once they have caught up. Both files are measured
 * once the service has stopped, with the largest tables of each (SQLite's dbstat).
 *
 *   npm run bench:read-model-size            (EVENTS=100000 to change the count; KEEP_FILES=1 keeps both)
 */
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@app/event-store';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { printTable, tempDir } from './bench-support.js';
import {
  DAY,
  escalationEvents,
  HOUR,
  MINUTE,
  OFFICE_HOURS,
  override,
  roster,
  setUp,
  toAppend,
  unavailability,
} from './seeded-history.js';

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const RESPONDERS = 300;
const ROTATIONS = 30;

const ROSTER = roster({ responders: RESPONDERS, rotations: ROTATIONS, perRotation: 4, ids: 'random' });

function escalation(n: number, now: number) {
  const raisedAt = now - (1 + Math.floor(Math.random() * 365 * 24 * 60)) * MINUTE;
  return toAppend(
    escalationEvents(ROSTER, n, {
      raisedAt,
      description: 'Checkout requests fail with 502 for a share of customers since the last deploy.',
      note: 'Rolled back',
      noteAuthor: 'dri',
    }),
  );
}

function scheduleChange(i: number, now: number) {
  const start = now - Math.floor(Math.random() * 700) * DAY;
  if (i % 3 === 0) return unavailability(ROSTER, i % RESPONDERS, start, 2 * DAY);
  const t = i % ROTATIONS;
  return override(ROSTER, t, {
    responderId: ROSTER.participant(t, 5),
    start,
    durationMs: 4 * HOUR,
    timeZone: 'Europe/Berlin',
    note: 'covering a dentist appointment',
    createdBy: ROSTER.responderId(t),
  });
}

async function seed(path: string, now: number): Promise<number> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  let events = 0;
  const pending: Array<Promise<unknown>> = [];
  for (const [stream, event] of setUp(ROSTER, now, { workingHours: OFFICE_HOURS, registeredDaysAgo: 800 })) {
    pending.push(store.append(stream, [event], 'any'));
    events += 1;
  }
  for (let n = 0; events < EVENTS; n++) {
    if (n % 5 < 3) {
      const [stream, decided] = escalation(n, now);
      pending.push(store.append(stream, decided, 'no_stream'));
      events += decided.length;
    } else {
      const [stream, event] = scheduleChange(n, now);
      pending.push(store.append(stream, [event], 'any'));
      events += 1;
    }
    if (pending.length === 2_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await store.close();
  return events;
}

function bytesOnDisk(path: string): number {
  return [path, `${path}-wal`].filter(existsSync).reduce((sum, file) => sum + statSync(file).size, 0);
}

function largestTables(path: string, count = 8): Array<{ table: string; MB: number }> {
  const db = new BetterSqlite3(path, { readonly: true });
  const rows = db
    .prepare<[number], { name: string; bytes: number }>(
      'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT ?',
    )
    .all(count);
  db.close();
  return rows.map((row) => ({ table: row.name, MB: Number((row.bytes / 1e6).toFixed(2)) }));
}

async function main() {
  const dir = tempDir('bench-read-model-size-');
  const storePath = dir.path('events.sqlite');
  const readModelPath = dir.path('read-models.sqlite');
  try {
    const now = Date.now();
    const seeding = performance.now();
    const events = await seed(storePath, now);
    console.log(`seeded ${events} events in ${Math.round(performance.now() - seeding)} ms`);
    const service = new ServiceProcess(await freePort(), {
      SQLITE_PATH: storePath,
      READ_MODEL_PATH: readModelPath,
      JWT_SECRET_FILE: dir.path('jwt-secret'),
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    });
    const starting = performance.now();
    await service.start(600_000);
    console.log(`read models built and ready after ${Math.round(performance.now() - starting)} ms`);
    await service.stop();

    const store = bytesOnDisk(storePath);
    const readModels = bytesOnDisk(readModelPath);
    printTable(`On disk after ${events} events`, [
      { file: 'event store', MB: Number((store / 1e6).toFixed(2)), 'bytes per event': Math.round(store / events) },
      {
        file: 'read models',
        MB: Number((readModels / 1e6).toFixed(2)),
        'bytes per event': Math.round(readModels / events),
      },
    ]);
    printTable('Largest tables and indexes of the read models', largestTables(readModelPath));
    printTable('Largest tables and indexes of the event store', largestTables(storePath, 4));
    const ratio = readModels / store;
    console.log(`read models / event store: ${ratio.toFixed(2)}x`);
    console.log(`target: read models <= 0.5x the event store -> ${ratio <= 0.5 ? 'met' : 'NOT met'}`);
  } finally {
    if (process.env.KEEP_FILES) console.log(`files kept in ${dir.path('')}`);
    else dir.remove();
  }
}

void main();
