/**
 * Latency of the figures queries over a year of history for 200 responders, against a baseline
 * measured in the same run: the same client asking `{ __typename }`, which costs the HTTP and
 * GraphQL layers and nothing of ours.
 *
 * The history is appended to an embedded store directly (as bench/projection-rebuild.ts does):
 * 200 responders in four zones with working hours, 40 rotations (daily three-shift and weekly),
 * overrides and unavailable spans across the year, a closed weekend slot round every weekend for
 * eight rotations, and ESCALATIONS escalations spread over the year (each raised, paged and
 * acknowledged after 1 to 30 minutes, as the escalation decider decides them). The service then
 * starts on that store as its own process, builds its read models, and each query runs CLIENTS
 * at a time (closed loop) for SECONDS.
 *
 *   npm run bench:figures            (SECONDS=5 per case, CLIENTS=4, ESCALATIONS=10000)
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { SqliteEventStore, type NewEvent } from '@app/event-store';
import {
  defaultPolicy,
  escalationDecider,
  type EscalationCommand,
  type EscalationDeciderState,
  type EscalationEvent,
} from '@app/escalations';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { newEvent, percentile, printTable, tempDir } from './bench-support.js';

const RESPONDERS = 200;
const ROTATIONS = 40;
const SLOT_ROTATIONS = 8;
const CLIENTS = Number(process.env.CLIENTS ?? 4);
const SECONDS = Number(process.env.SECONDS ?? 5);
const ESCALATIONS = Number(process.env.ESCALATIONS ?? 10_000);
const FROM = Date.parse('2025-11-03T00:00:00Z');
const TO = Date.parse('2026-11-02T00:00:00Z');
const DAY = 86_400_000;
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles'];
const iso = (ms: number) => new Date(ms).toISOString();

function* history(): Generator<[string, NewEvent]> {
  for (let r = 0; r < RESPONDERS; r++) {
    yield [
      `responder-r${r}`,
      newEvent('ResponderRegistered', {
        responderId: `r${r}`,
        name: `Responder ${r}`,
        handle: `r${r}`,
        timeZone: ZONES[r % ZONES.length],
        team: `team-${r % 10}`,
        role: 'engineer',
        workingHours: r % 7 === 0 ? [] : [{ weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
        onCallRestricted: false,
        registeredAt: iso(FROM),
      }),
    ];
  }
  for (let t = 0; t < ROTATIONS; t++) {
    const daily = t % 2 === 0;
    yield [
      `rotation-t${t}`,
      newEvent('RotationCreated', {
        rotationId: `t${t}`,
        name: `Rotation ${t}`,
        team: `team-${t % 10}`,
        timeZone: ZONES[t % ZONES.length],
        startDate: '2025-11-03',
        pattern: daily
          ? {
              cycle: 'daily',
              handoffs: [{ time: '05:00' }, { time: '13:00' }, { time: '21:00' }],
              respondersPerShift: 1,
            }
          : { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
        coverageWindows: t < SLOT_ROTATIONS ? [{ weekdays: [1, 2, 3, 4, 5], start: '00:00', end: '24:00' }] : [],
        driWindows: [],
        participants: [0, 1, 2, 3, 4].map((i) => ({ responderId: `r${(t * 5 + i) % RESPONDERS}` })),
        shadows: [],
        createdAt: iso(FROM),
      }),
    ];
  }
  for (let i = 0; i < 3_000; i++) {
    const t = i % ROTATIONS;
    const start = FROM + ((i * 7919) % 360) * DAY + (i % 24) * 3_600_000;
    yield [
      `rotation-t${t}`,
      newEvent('OverrideScheduled', {
        rotationId: `t${t}`,
        overrideId: `o${i}`,
        responderId: `r${(t * 5 + 7 + (i % 3)) % RESPONDERS}`,
        start: iso(start),
        end: iso(start + 4 * 3_600_000),
        timeZone: 'UTC',
        createdBy: 'bench',
      }),
    ];
  }
  for (let i = 0; i < 1_000; i++) {
    const r = (i * 13) % RESPONDERS;
    const start = FROM + ((i * 31) % 360) * DAY;
    yield [
      `responder-r${r}`,
      newEvent('ResponderUnavailabilityMarked', {
        responderId: `r${r}`,
        spanId: `s${i}`,
        start: iso(start),
        end: iso(start + 2 * DAY),
        reason: 'leave',
      }),
    ];
  }
  for (let t = 0; t < SLOT_ROTATIONS; t++) {
    for (let week = 0; week < 52; week++) {
      const saturday = FROM + (week * 7 + 5) * DAY;
      const roundId = `w${t}-${week}`;
      const stream = `slot-round-${roundId}`;
      const slots = [0, 1, 2, 3, 4, 5].map((k) => ({
        slotId: `${roundId}-${k}`,
        start: iso(saturday + k * 8 * 3_600_000),
        end: iso(saturday + (k + 1) * 8 * 3_600_000),
      }));
      const base = { roundId, rotationId: `t${t}` };
      yield [
        stream,
        newEvent('SlotRoundPublished', {
          ...base,
          title: `Weekend ${week}`,
          timeZone: 'UTC',
          slots,
          deadline: iso(saturday - DAY),
          publishedBy: 'bench',
          publishedAt: iso(saturday - 14 * DAY),
        }),
      ];
      for (const [k, slot] of slots.entries()) {
        yield [
          stream,
          newEvent('SlotAssigned', {
            ...base,
            ...slot,
            responderId: `r${(t * 5 + ((week + k) % 5)) % RESPONDERS}`,
            how: k % 3 === 0 ? 'VOLUNTEER' : 'AUTOMATIC',
          }),
        ];
      }
      yield [stream, newEvent('SlotRoundClosed', { ...base, closedAt: iso(saturday - DAY) })];
    }
  }
}

function escalationEvents(n: number): EscalationEvent[] {
  const escalationId = randomUUID();
  const rotation = `t${n % ROTATIONS}`;
  const raisedAt = FROM + Math.floor(((n * 7_919) % 525_600) * 60_000);
  const responder = `r${((n % ROTATIONS) * 5) % RESPONDERS}`;
  const at = (minutes: number) => iso(raisedAt + minutes * 60_000);
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
          rotationId: rotation,
          source: 'ON_CALL',
          candidates: [{ responderId: responder, online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
          shadowIds: [],
          ackTimeoutMinutes: 60,
        },
      ],
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      kind: null,
      title: `Escalation ${n}`,
      description: 'Seeded for the benchmark',
      links: [],
      rotationId: rotation,
      serviceId: null,
      routedToServiceOwner: false,
      incidentTag: null,
      raisedAt: at(0),
      raisedBy: 'bench',
      policy: defaultPolicy(rotation),
    },
    { type: 'AcknowledgePage', escalationId, pageId, responderId: responder, at: at(1 + (n % 30)) },
    { type: 'Resolve', escalationId, at: at(90), by: responder, note: null },
  ];
  let state: EscalationDeciderState = null;
  const events: EscalationEvent[] = [];
  for (const command of commands) {
    for (const event of escalationDecider.decide(command, state)) {
      events.push(event);
      state = escalationDecider.evolve(state, event);
    }
  }
  return events;
}

async function seed(path: string): Promise<number> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  let count = 0;
  const pending: Array<Promise<unknown>> = [];
  for (const [stream, event] of history()) {
    pending.push(store.append(stream, [event], 'any'));
    count++;
    if (pending.length === 2_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending.splice(0));
  for (let n = 0; n < ESCALATIONS; n++) {
    const decided = escalationEvents(n);
    const stream = `escalation-${(decided[0].data as { escalationId: string }).escalationId}`;
    const batch = decided.map((e) => newEvent(e.type, e.data as Record<string, unknown>));
    pending.push(store.append(stream, batch, 'no_stream'));
    count += batch.length;
    if (pending.length === 2_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await store.close();
  return count;
}

let authorization = '';
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function post(port: number, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function timed(port: number, body: string): Promise<number> {
  const started = performance.now();
  const text = await post(port, body);
  if (text.includes('"errors"')) throw new Error(text.slice(0, 2000));
  return performance.now() - started;
}

async function load(port: number, nextBody: () => string) {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) latencies.push(await timed(port, nextBody()));
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

async function waitForReadModels(port: number, head: bigint): Promise<void> {
  const body = JSON.stringify({ query: '{ projections { name position } }' });
  const deadline = performance.now() + 300_000;
  while (performance.now() < deadline) {
    const projections = JSON.parse(await post(port, body)).data?.projections as Array<{ position: string }> | undefined;
    if (projections?.every((p) => p.position !== 'start' && BigInt(p.position) >= head)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('read models did not catch up');
}

async function headOf(path: string): Promise<bigint> {
  const store = new SqliteEventStore({ path });
  const head = await store.headPosition();
  await store.close();
  return head === 'start' ? 0n : head;
}

async function main() {
  const dir = tempDir('bench-figures-');
  const sqlitePath = dir.path('events.sqlite');
  const seeding = performance.now();
  const events = await seed(sqlitePath);
  console.log(`seeded ${events} events in ${Math.round(performance.now() - seeding)} ms`);
  const service = new ServiceProcess(await freePort(), {
    SQLITE_PATH: sqlitePath,
    READ_MODEL_PATH: ':memory:',
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  try {
    authorization = `Bearer ${service.issueAdminToken()}`;
    const starting = performance.now();
    await service.start();
    await waitForReadModels(service.port, await headOf(sqlitePath));
    console.log(`service up with read models built in ${Math.round(performance.now() - starting)} ms`);

    const year = { from: iso(FROM), to: iso(TO) };
    const hoursQuery = `query($from: DateTime!, $to: DateTime!) { onCallHours(from: $from, to: $to) {
      responder { id handle } totalHours workingHours offHours } }`;
    const cold = await timed(service.port, JSON.stringify({ query: hoursQuery, variables: year }));
    console.log(`first onCallHours over the year (fills the timeline cache): ${cold.toFixed(1)} ms`);

    const month = (days = 30) => {
      const start = FROM + Math.floor(Math.random() * (360 - days)) * DAY + Math.floor(Math.random() * 24) * 3_600_000;
      return { from: iso(start), to: iso(start + days * DAY) };
    };
    const escalationQuery = `query($from: DateTime!, $to: DateTime!, $zone: String, $team: String) {
      escalationFigures(from: $from, to: $to, timeZone: $zone, team: $team) {
        total { escalations withinSloShare medianSecondsToAcknowledge p90SecondsToAcknowledge }
        teams { team stats { escalations withinSloShare medianSecondsToAcknowledge p90SecondsToAcknowledge } }
        weeks { week stats { escalations withinSloShare medianSecondsToAcknowledge p90SecondsToAcknowledge }
          teams { team stats { escalations withinSloShare } } } } }`;
    const quarters = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
    const rotations = Array.from({ length: ROTATIONS }, (_, t) => `t${t}`);
    const cases: Array<[string, () => string]> = [
      ['baseline: { __typename }', () => JSON.stringify({ query: '{ __typename }' })],
      [
        `escalationFigures, ${ESCALATIONS} escalations, one year (answer cached)`,
        () => JSON.stringify({ query: escalationQuery, variables: { ...year, zone: 'UTC' } }),
      ],
      [
        'escalationFigures, all teams, random 300 days (never cached)',
        () => JSON.stringify({ query: escalationQuery, variables: { ...month(300), zone: 'UTC' } }),
      ],
      [
        'escalationFigures, one team, random quarter, New York weeks',
        () =>
          JSON.stringify({
            query: escalationQuery,
            variables: { ...month(91), zone: 'America/New_York', team: `team-${Math.floor(Math.random() * 10)}` },
          }),
      ],
      ['onCallHours, 200 responders, one year', () => JSON.stringify({ query: hoursQuery, variables: year })],
      ['onCallHours, 200 responders, random 30 days', () => JSON.stringify({ query: hoursQuery, variables: month() })],
      [
        'rotationLoad, random rotation, one year',
        () =>
          JSON.stringify({
            query: `query($id: ID!, $from: DateTime!, $to: DateTime!) { rotationLoad(rotationId: $id, from: $from, to: $to) {
              participants { responder { handle } hours } spreadHours meanHours aboveThreshold { responder { handle } } } }`,
            variables: { id: pick(rotations), ...year },
          }),
      ],
      [
        'weekendSlots, random quarter',
        () =>
          JSON.stringify({
            query: `query($q: String!) { weekendSlots(quarter: $q) { responder { handle } count } }`,
            variables: { q: pick(quarters) },
          }),
      ],
      [
        'weekendThankYou, random quarter',
        () =>
          JSON.stringify({
            query: `query($q: String!) { weekendThankYou(quarter: $q) { markdown } }`,
            variables: { q: pick(quarters) },
          }),
      ],
      [
        'onCallAsRecorded, random rotation and instant',
        () =>
          JSON.stringify({
            query: `query($at: DateTime!, $ids: [ID!]) { onCallAsRecorded(at: $at, rotationIds: $ids) {
              onCall { responder { handle } reason { kind } } } }`,
            variables: { at: iso(FROM + Math.random() * (TO - FROM)), ids: [pick(rotations)] },
          }),
      ],
    ];
    const rows: Array<Record<string, string | number>> = [];
    let baselineP99 = 0;
    for (const [name, body] of cases) {
      await load(service.port, body); // warm-up
      const result = await load(service.port, body);
      if (rows.length === 0) baselineP99 = result.p99;
      rows.push({
        case: name,
        'p50 ms': result.p50.toFixed(2),
        'p99 ms': result.p99.toFixed(2),
        requests: result.count,
        'p99 vs baseline': `${(result.p99 / baselineP99).toFixed(2)}x`,
        'p99 < 50 ms': result.p99 < 50 ? 'yes' : 'NO',
      });
    }
    printTable(
      `Figures over a year of history (${events} events, ${RESPONDERS} responders, ${ROTATIONS} rotations), ${CLIENTS} clients back to back, ${SECONDS} s per case`,
      rows,
    );
  } catch (error) {
    console.error(service.output.slice(-3000));
    throw error;
  } finally {
    await service.stop();
    agent.destroy();
    dir.remove();
  }
}

void main();
