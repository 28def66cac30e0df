/**
 * Acknowledged single-event appends per second on the embedded store (synchronous=FULL, WAL),
 * with 1 and with 50 concurrent writers, against a baseline measured in the same run: one raw
 * better-sqlite3 transaction per append.
 *
 *   npm run bench:append            (APPENDS=20000 to change the count)
 */
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@app/event-store';
import { newEvent, printTable, rate, tempDir } from './bench-support.js';

const APPENDS = Number(process.env.APPENDS ?? 20_000);
const WRITERS = 50;

function rawBaseline(path: string): number {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT, revision INTEGER,
           event_id TEXT, type TEXT, data TEXT, metadata TEXT, UNIQUE (stream_id, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const appendOne = db.transaction((revision: number) => {
    const e = newEvent('BenchHappened', { n: revision });
    insert.run('bench-raw', revision, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
  });
  const started = performance.now();
  for (let i = 0; i < APPENDS; i++) appendOne(i);
  const elapsed = performance.now() - started;
  db.close();
  return rate(APPENDS, elapsed);
}

async function oneWriter(path: string): Promise<number> {
  const store = new SqliteEventStore({ path });
  const started = performance.now();
  for (let i = 0; i < APPENDS; i++) {
    await store.append('bench-one', [newEvent('BenchHappened', { n: i })], i === 0 ? 'no_stream' : BigInt(i - 1));
  }
  const elapsed = performance.now() - started;
  await store.close();
  return rate(APPENDS, elapsed);
}

async function concurrentWriters(path: string): Promise<number> {
  const store = new SqliteEventStore({ path });
  const perWriter = Math.ceil(APPENDS / WRITERS);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        await store.append(`bench-w${w}`, [newEvent('BenchHappened', { n: i })], i === 0 ? 'no_stream' : BigInt(i - 1));
      }
    }),
  );
  const elapsed = performance.now() - started;
  await store.close();
  return rate(perWriter * WRITERS, elapsed);
}

async function main() {
  const dir = tempDir('bench-append-');
  try {
    const baseline = rawBaseline(dir.path('raw.sqlite'));
    const single = await oneWriter(dir.path('one.sqlite'));
    const fifty = await concurrentWriters(dir.path('fifty.sqlite'));
    printTable(`Single-event appends, ${APPENDS} each, SQLite WAL synchronous=FULL`, [
      {
        case: 'baseline: raw better-sqlite3, one transaction per append',
        'appends/s': baseline,
        'vs baseline': '1.00x',
      },
      { case: 'SqliteEventStore, 1 writer', 'appends/s': single, 'vs baseline': `${(single / baseline).toFixed(2)}x` },
      {
        case: `SqliteEventStore, ${WRITERS} concurrent writers`,
        'appends/s': fifty,
        'vs baseline': `${(fifty / baseline).toFixed(2)}x`,
      },
    ]);
    console.log(
      `target: >= 5000 acknowledged appends/s with ${WRITERS} writers -> ${fifty >= 5000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    dir.remove();
  }
}

void main();
