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
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import {
  defaultPolicy,
  escalationDecider,
  type EscalationCommand,
  type EscalationDeciderState,
} from '@app/escalations';
import { SqliteEventStore, type NewEvent } from '@app/event-store';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { newEvent, printTable, tempDir } from './bench-support.js';

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const RESPONDERS = 300;
const ROTATIONS = 30;
const MINUTE = 60_000;
const DAY = 86_400_000;

const responderIds = Array.from({ length: RESPONDERS }, () => randomUUID());
const rotationIds = Array.from({ length: ROTATIONS }, () => randomUUID());
const responderId = (n: number) => responderIds[n];
const rotationId = (n: number) => rotationIds[n];

function* setUp(now: number): Generator<[string, NewEvent]> {
  for (let r = 0; r < RESPONDERS; r++) {
    yield [
      `responder-${responderId(r)}`,
      newEvent('ResponderRegistered', {
        responderId: responderId(r),
        name: `Responder ${r}`,
        handle: `r${r}`,
        timeZone: 'Europe/Berlin',
        team: `team-${r % ROTATIONS}`,
        role: 'engineer',
        workingHours: [{ weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
        onCallRestricted: false,
        registeredAt: new Date(now - 800 * DAY).toISOString(),
      }),
    ];
  }
  for (let t = 0; t < ROTATIONS; t++) {
    const id = rotationId(t);
    yield [
      `rotation-${id}`,
      newEvent('RotationCreated', {
        rotationId: id,
        name: `Rotation ${t}`,
        team: `team-${t}`,
        timeZone: 'Europe/Berlin',
        startDate: '2025-01-06',
        pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
        coverageWindows: [],
        driWindows: [],
        participants: [0, 1, 2, 3].map((p) => ({ responderId: responderId((t * 4 + p) % RESPONDERS) })),
        shadows: [],
        createdAt: new Date(now).toISOString(),
      }),
    ];
    yield [
      `escalationpolicy-${id}`,
      newEvent('EscalationPolicySet', { ...defaultPolicy(id), setBy: 'bench', at: new Date(now).toISOString() }),
    ];
  }
}

function escalation(n: number, now: number): [string, NewEvent[]] {
  const escalationId = randomUUID();
  const rotation = n % ROTATIONS;
  const raisedAt = now - (1 + Math.floor(Math.random() * 365 * 24 * 60)) * MINUTE;
  const dri = responderId((rotation * 4 + (n % 4)) % RESPONDERS);
  const at = (minutes: number) => new Date(raisedAt + minutes * MINUTE).toISOString();
  const pageId = randomUUID();
  const commands: EscalationCommand[] = [
    {
      type: 'Raise',
      escalationId,
      pageId,
      paging: [
        {
          step: 0,
          layer: 'RESPONDER',
          rotationId: rotationId(rotation),
          source: 'ON_CALL',
          candidates: [{ responderId: dri, online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
          shadowIds: [],
          ackTimeoutMinutes: 15,
        },
      ],
      source: n % 3 === 0 ? 'CUSTOMER_EMERGENCY' : 'INFRASTRUCTURE',
      severity: (['S1', 'S2', 'S3', 'S4'] as const)[n % 4],
      kind: null,
      title: `Escalation ${n}: error rate up on service ${n % 97}`,
      description: 'Checkout requests fail with 502 for a share of customers since the last deploy.',
      links: [`https://tickets.example/${n}`],
      rotationId: rotationId(rotation),
      serviceId: null,
      routedToServiceOwner: false,
      incidentTag: n % 50 === 0 ? `INC-${n % 7}` : null,
      raisedAt: at(0),
      raisedBy: 'bench',
      policy: defaultPolicy(rotationId(rotation)),
    },
    { type: 'AcknowledgePage', escalationId, pageId, responderId: dri, at: at(4) },
    {
      type: 'AddNote',
      escalationId,
      noteId: randomUUID(),
      kind: 'TRIED',
      text: 'Rolled back',
      author: dri,
      at: at(20),
    },
    { type: 'Resolve', escalationId, at: at(90), by: dri, note: null },
  ];
  let state: EscalationDeciderState = null;
  const events: NewEvent[] = [];
  for (const command of commands) {
    for (const event of escalationDecider.decide(command, state)) {
      events.push(newEvent(event.type, event.data as Record<string, unknown>));
      state = escalationDecider.evolve(state, event);
    }
  }
  return [`escalation-${escalationId}`, events];
}

function scheduleChange(i: number, now: number): [string, NewEvent] {
  const start = now - Math.floor(Math.random() * 700) * DAY;
  if (i % 3 === 0) {
    const r = i % RESPONDERS;
    return [
      `responder-${responderId(r)}`,
      newEvent('ResponderUnavailabilityMarked', {
        responderId: responderId(r),
        spanId: randomUUID(),
        start: new Date(start).toISOString(),
        end: new Date(start + 2 * DAY).toISOString(),
        reason: 'leave',
      }),
    ];
  }
  const t = i % ROTATIONS;
  return [
    `rotation-${rotationId(t)}`,
    newEvent('OverrideScheduled', {
      rotationId: rotationId(t),
      overrideId: randomUUID(),
      responderId: responderId((t * 4 + 5) % RESPONDERS),
      start: new Date(start).toISOString(),
      end: new Date(start + 4 * 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      note: 'covering a dentist appointment',
      createdBy: responderId(t),
    }),
  ];
}

async function seed(path: string, now: number): Promise<number> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  let events = 0;
  const pending: Array<Promise<unknown>> = [];
  for (const [stream, event] of setUp(now)) {
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
