/**
 * Rebuilding the current-on-call projection from 200k events, against a baseline measured in the
 * same run: reading and JSON-parsing the same rows raw with better-sqlite3.
 *
 *   npm run bench:rebuild            (EVENTS=200000 to change the count)
 */
import type { DiscoveryService } from '@nestjs/core';
import BetterSqlite3 from 'better-sqlite3';
import { ProjectionRunner, ReadModelDatabase, SqliteEventStore, type NewEvent } from '@app/event-store';
import { CurrentOnCallProjection } from '@app/scheduling';
import { newEvent, printTable, rate, tempDir } from './bench-support.js';

const EVENTS = Number(process.env.EVENTS ?? 200_000);
const RESPONDERS = 20_000;
const ROTATIONS = 1_000;

/** Registrations, rotations, then a mix of unavailability spans, overrides and membership changes. */
function* history(): Generator<[string, NewEvent]> {
  for (let r = 0; r < RESPONDERS; r++) {
    yield [
      `responder-r${r}`,
      newEvent('ResponderRegistered', {
        responderId: `r${r}`,
        name: `Responder ${r}`,
        handle: `r${r}`,
        timeZone: 'Europe/Berlin',
        team: `team-${r % 50}`,
        role: 'engineer',
        workingHours: [{ weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
        onCallRestricted: false,
        registeredAt: '2026-01-01T00:00:00.000Z',
      }),
    ];
  }
  for (let t = 0; t < ROTATIONS; t++) {
    yield [
      `rotation-t${t}`,
      newEvent('RotationCreated', {
        rotationId: `t${t}`,
        name: `Rotation ${t}`,
        team: `team-${t % 50}`,
        timeZone: 'America/New_York',
        startDate: '2026-01-01',
        pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
        coverageWindows: [],
        driWindows: [],
        participants: [0, 1, 2, 3].map((i) => ({ responderId: `r${(t * 4 + i) % RESPONDERS}` })),
        shadows: [],
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    ];
  }
  for (let i = 0; RESPONDERS + ROTATIONS + i < EVENTS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    if (i % 2 === 0) {
      const r = i % RESPONDERS;
      yield [
        `responder-r${r}`,
        newEvent('ResponderUnavailabilityMarked', {
          responderId: `r${r}`,
          spanId: `s${i}`,
          start: `2026-02-${day}T08:00:00.000Z`,
          end: `2026-02-${day}T18:00:00.000Z`,
          reason: 'leave',
        }),
      ];
    } else {
      const t = i % ROTATIONS;
      yield [
        `rotation-t${t}`,
        newEvent('OverrideScheduled', {
          rotationId: `t${t}`,
          overrideId: `o${i}`,
          responderId: `r${(t * 4 + 5) % RESPONDERS}`,
          start: `2026-03-${day}T08:00:00.000Z`,
          end: `2026-03-${day}T12:00:00.000Z`,
          timeZone: 'UTC',
          createdBy: 'bench',
        }),
      ];
    }
  }
}

async function seed(store: SqliteEventStore): Promise<void> {
  const pending: Array<Promise<unknown>> = [];
  for (const [stream, event] of history()) {
    pending.push(store.append(stream, [event], 'any'));
    if (pending.length === 5_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

function rawReadAndParse(path: string): number {
  const db = new BetterSqlite3(path, { readonly: true });
  const started = performance.now();
  let count = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{
    data: string;
    metadata: string;
  }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    count++;
  }
  const elapsed = performance.now() - started;
  db.close();
  return rate(count, elapsed);
}

async function rebuild(store: SqliteEventStore, readModelPath: string): Promise<number> {
  const projection = new CurrentOnCallProjection();
  const discovery = { getProviders: () => [{ instance: projection }] } as unknown as DiscoveryService;
  const readModels = new ReadModelDatabase(readModelPath);
  const runner = new ProjectionRunner(store, readModels, 600_000, discovery);
  const head = await store.headPosition();
  const started = performance.now();
  runner.onApplicationBootstrap();
  if (head !== 'start') await runner.waitFor(head);
  const elapsed = performance.now() - started;
  const rotations = projection.allRotations().length;
  const responders = projection.allResponders().length;
  if (rotations !== ROTATIONS || responders !== RESPONDERS)
    throw new Error(`read model incomplete: ${rotations} rotations, ${responders} responders`);
  await runner.onModuleDestroy();
  readModels.close();
  return rate(EVENTS, elapsed);
}

async function main() {
  const dir = tempDir('bench-rebuild-');
  try {
    const store = new SqliteEventStore({ path: dir.path('events.sqlite'), synchronous: 'NORMAL' });
    const seeding = performance.now();
    await seed(store);
    console.log(`seeded ${EVENTS} events in ${Math.round(performance.now() - seeding)} ms`);
    const baseline = rawReadAndParse(dir.path('events.sqlite'));
    const inMemory = await rebuild(store, ':memory:');
    const onFile = await rebuild(store, dir.path('read-models.sqlite'));
    await store.close();
    printTable(`Rebuilding current-on-call from ${EVENTS} events`, [
      { case: 'baseline: raw read + JSON.parse of the same rows', 'events/s': baseline, 'vs baseline': '1.00x' },
      {
        case: 'rebuild, read models in memory',
        'events/s': inMemory,
        'vs baseline': `${(inMemory / baseline).toFixed(2)}x`,
      },
      {
        case: 'rebuild, read models in a SQLite file',
        'events/s': onFile,
        'vs baseline': `${(onFile / baseline).toFixed(2)}x`,
      },
    ]);
    console.log(
      `target: rebuild >= 0.5x the raw read rate -> ${Math.min(inMemory, onFile) / baseline >= 0.5 ? 'met' : 'NOT met'}`,
    );
  } finally {
    dir.remove();
  }
}

void main();
