/**
 * Do the dashboard's questions cost more as closed history grows? CPU per request of
 * `openEscalations` (first 20, random filter) and `currentOnCall` (the rotation with the history
 * of overrides, now) on a store of SMALL events and on one of LARGE events, with the same open
 * work in both (OPEN open escalations, the same rotations); the rest is closed history: resolved
 * escalations, and past overrides on one rotation (OVERRIDE_SHARE of the events).
 *
 * Each store is written straight into SQLite (bench/escalation-history.ts), the service (its own
 * process) builds its read models into a file, stops, and starts again from its checkpoints; then
 * the first REQUESTS requests of each query right after that start are measured on their own ("first
 * seconds"), and afterwards ROUNDS rounds of REQUESTS, interleaved (median kept). CPU time is the
 * service process's own (from /proc), which other load on the machine barely changes.
 *
 *   npm run bench:history     (SMALL=5000 LARGE=200000 OPEN=40 OVERRIDE_SHARE=0.02 REQUESTS=1000 ROUNDS=3)
 */
import { SqliteEventStore } from '@app/event-store';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { cpuPerRequest, printTable, rate, ratio, tempDir } from './bench-support.js';
import {
  escalationAppend,
  OPEN_ESCALATIONS,
  randomFilter,
  responderId,
  ROSTER,
  rotationId,
  setUp,
  waitForProjections,
} from './escalation-history.js';
import { DAY, HOUR, override } from './seeded-history.js';
import { HttpLoad } from './http-load.js';

const SMALL = Number(process.env.SMALL ?? 5_000);
const LARGE = Number(process.env.LARGE ?? 200_000);
const OPEN = Number(process.env.OPEN ?? 40);
const OVERRIDE_SHARE = Number(process.env.OVERRIDE_SHARE ?? 0.02);
const REQUESTS = Number(process.env.REQUESTS ?? 1_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const CURRENT_ON_CALL = `query($ids: [ID!]) { currentOnCall(rotationIds: $ids) {
  rotation { id name } onCall { responder { id name handle } start end isDri reason { kind } } } }`;

async function seed(path: string, target: number, now: number): Promise<{ events: number; head: bigint }> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  let events = 0;
  const pending: Array<Promise<unknown>> = [];
  const flush = async (at: number) => {
    if (pending.length >= at) await Promise.all(pending.splice(0));
  };
  for (const [stream, event] of setUp(now)) {
    pending.push(store.append(stream, [event], 'any'));
    events += 1;
  }
  await flush(1);
  // Past overrides on rotation 0: four hours each, somewhere in the last two years, all ended.
  const overrides = Math.round(target * OVERRIDE_SHARE);
  for (let n = 0; n < overrides; n += 500) {
    const batch = Array.from({ length: Math.min(500, overrides - n) }, (_, k) => {
      const start = now - 2 * DAY - Math.floor(Math.random() * 700) * DAY - ((n + k) % 6) * 4 * HOUR;
      const [, event] = override(ROSTER, 0, {
        responderId: responderId((n + k) % 3),
        start,
        durationMs: 4 * HOUR,
        timeZone: 'Europe/Berlin',
        createdBy: 'bench',
      });
      return event;
    });
    await store.append(`rotation-${rotationId(0)}`, batch, 'any');
    events += batch.length;
  }
  for (let n = 0; n < OPEN; n++) {
    const [stream, decided] = escalationAppend(n, now, true);
    pending.push(store.append(stream, decided, 'no_stream'));
    events += decided.length;
  }
  for (let n = OPEN; events < target; n++) {
    const [stream, decided] = escalationAppend(n, now, false);
    pending.push(store.append(stream, decided, 'no_stream'));
    events += decided.length;
    await flush(2_000);
  }
  await flush(1);
  const head = await store.headPosition();
  await store.close();
  return { events, head: head === 'start' ? 0n : head };
}

type Figures = Record<'openEscalations' | 'currentOnCall', { first: number; warm: number }>;

async function measure(label: string, target: number): Promise<{ events: number; figures: Figures }> {
  const dir = tempDir('bench-history-');
  const env = {
    SQLITE_PATH: dir.path('events.sqlite'),
    READ_MODEL_PATH: dir.path('read-models.sqlite'),
    JWT_SECRET_FILE: dir.path('jwt-secret'),
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  let service: ServiceProcess | undefined;
  const loads: HttpLoad[] = [];
  try {
    const seeding = performance.now();
    const { events, head } = await seed(env.SQLITE_PATH, target, Date.now());
    const seedMs = performance.now() - seeding;
    console.log(`${label}: seeded ${events} events in ${Math.round(seedMs)} ms (${rate(events, seedMs)} events/s)`);
    const build = new ServiceProcess(await freePort(), env);
    service = build;
    const authorization = `Bearer ${build.issueAdminToken()}`;
    const building = performance.now();
    await build.start(300_000);
    const first = new HttpLoad(build.port, { clients: 1, seconds: 1, authorization });
    loads.push(first);
    await waitForProjections(first, head);
    console.log(`${label}: read models built in ${Math.round(performance.now() - building)} ms`);
    await build.stop();

    service = new ServiceProcess(await freePort(), env);
    const restarting = performance.now();
    await service.start(300_000);
    const http = new HttpLoad(service.port, { clients: 4, seconds: 1, authorization });
    loads.push(http);
    await waitForProjections(http, head);
    console.log(`${label}: restarted from checkpoints, caught up in ${Math.round(performance.now() - restarting)} ms`);
    const checked = async (body: string) => {
      const text = await http.post(body);
      if (text.includes('"errors"')) throw new Error(text);
    };
    const cases = {
      openEscalations: () =>
        checked(JSON.stringify({ query: OPEN_ESCALATIONS, variables: { filter: randomFilter(), first: 20 } })),
      currentOnCall: () => checked(JSON.stringify({ query: CURRENT_ON_CALL, variables: { ids: [rotationId(0)] } })),
    };
    const pid = service.pid;
    const figures = {} as Figures;
    for (const [name, send] of Object.entries(cases)) {
      figures[name as keyof Figures] = { first: await cpuPerRequest(pid, send, REQUESTS), warm: 0 };
    }
    const warm: Record<string, number[]> = { openEscalations: [], currentOnCall: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, send] of Object.entries(cases)) warm[name].push(await cpuPerRequest(pid, send, REQUESTS));
    }
    for (const name of Object.keys(cases)) {
      figures[name as keyof Figures].warm = [...warm[name]].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
    }
    return { events, figures };
  } catch (error) {
    console.error(service?.output.slice(-3000));
    throw error;
  } finally {
    loads.forEach((load) => load.close());
    await service?.stop();
    dir.remove();
  }
}

async function main() {
  const small = await measure('small', SMALL);
  const large = await measure('large', LARGE);
  const rows = (['openEscalations', 'currentOnCall'] as const).flatMap((name) =>
    (['first', 'warm'] as const).map((phase) => {
      const [a, b] = [small.figures[name][phase], large.figures[name][phase]];
      return {
        case: `${name}, ${phase === 'first' ? `first ${REQUESTS} requests after a start` : `warm (median of ${ROUNDS})`}`,
        [`µs at ${small.events} events`]: Math.round(a * 1000),
        [`µs at ${large.events} events`]: Math.round(b * 1000),
        'large vs small': ratio(b, a),
        target: `<= 1.2x ${b / a <= 1.2 ? 'met' : 'NOT met'}`,
      };
    }),
  );
  printTable(`CPU per request as closed history grows (${OPEN} open escalations in both; 4 clients)`, rows);
}

void main();
