/**
 * Latency of the dashboard's `openEscalations` query over HTTP with 50 concurrent clients and
 * 100,000 escalations in the history, against a baseline measured in the same run: the same
 * clients asking `{ __typename }` (the HTTP and GraphQL layers and nothing of ours).
 *
 * Seeding 100k escalations through GraphQL would take longer than the measurement, so this
 * script writes the history straight into the embedded store's SQLite file with the store API
 * (as bench/projection-rebuild.ts does) before starting the service: responders, rotations and
 * escalation policies, then each escalation's events as the escalation decider itself decides
 * them (raised, paged, acknowledged, and for most of them resolved). OPEN_SHARE (2% by default)
 * stay open. The service (dist/apps/api/src/main.js, its own process) then builds its read models
 * from the store at start-up; the script waits until every projection has caught up.
 *
 * Each request asks for the first page (20) of open escalations with a random filter: none, a
 * rotation, a severity, or a DRI. Closed loop: 50 clients back to back; open loop: 50 clients
 * sending RATE requests per second in all.
 *
 * It also prints the service's CPU time per request (from /proc, one client, sequential), which
 * other load on the machine barely changes, unlike the latencies.
 *
 *   npm run bench:escalations   (ESCALATIONS=100000 OPEN_SHARE=0.02 SECONDS=10 CLIENTS=50 RATE=1000)
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@app/event-store';
import {
  defaultPolicy,
  escalationDecider,
  type EscalationCommand,
  type EscalationDeciderState,
  type EscalationEvent,
  type Severity,
  type StepFacts,
} from '@app/escalations';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { newEvent, printTable, processCpuMs, rate, tempDir } from './bench-support.js';
import { HttpLoad, latencyRow } from './http-load.js';

const ESCALATIONS = Number(process.env.ESCALATIONS ?? 100_000);
const OPEN_SHARE = Number(process.env.OPEN_SHARE ?? 0.02);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RATE = Number(process.env.RATE ?? 1000);
const ROTATIONS = 20;
const RESPONDERS = 60;
const SEVERITIES: Severity[] = ['S1', 'S2', 'S3', 'S4'];
const MINUTE = 60_000;

const responderId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const rotationId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

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
        workingHours: [],
        onCallRestricted: false,
        registeredAt: new Date(now - 400 * 86_400_000).toISOString(),
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
        participants: [0, 1, 2].map((p) => ({ responderId: responderId((t * 3 + p) % RESPONDERS) })),
        shadows: [],
        // Created now, so no shift boundary of the past is due when the service starts.
        createdAt: new Date(now).toISOString(),
      }),
    ];
    yield [
      `escalationpolicy-${id}`,
      newEvent('EscalationPolicySet', { ...defaultPolicy(id), setBy: 'bench', at: new Date(now).toISOString() }),
    ];
  }
}

/** One escalation's events, decided by the escalation decider from a plausible life. */
function escalationEvents(n: number, now: number): EscalationEvent[] {
  const escalationId = randomUUID();
  const rotation = n % ROTATIONS;
  const raisedAt = now - Math.floor(Math.random() * 365 * 24 * 60) * MINUTE;
  const dri = responderId((rotation * 3 + (n % 3)) % RESPONDERS);
  const at = (minutes: number) => new Date(raisedAt + minutes * MINUTE).toISOString();
  const paging: StepFacts[] = [
    {
      step: 0,
      layer: 'RESPONDER',
      rotationId: rotationId(rotation),
      source: 'ON_CALL',
      candidates: [{ responderId: dri, online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
      shadowIds: [],
      ackTimeoutMinutes: 15,
    },
  ];
  const pageId = randomUUID();
  const commands: EscalationCommand[] = [
    {
      type: 'Raise',
      escalationId,
      pageId,
      paging,
      source: n % 3 === 0 ? 'CUSTOMER_EMERGENCY' : 'INFRASTRUCTURE',
      severity: SEVERITIES[n % SEVERITIES.length],
      kind: null,
      title: `Escalation ${n}: error rate up on service ${n % 97}`,
      description: 'Seeded for the benchmark',
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
      text: 'Restarted the workers',
      author: 'bench',
      at: at(20),
    },
  ];
  if (Math.random() >= OPEN_SHARE) commands.push({ type: 'Resolve', escalationId, at: at(90), by: dri, note: null });
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

async function seed(path: string, now: number): Promise<{ events: number; head: bigint }> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  let events = 0;
  const pending: Array<Promise<unknown>> = [];
  for (const [stream, event] of setUp(now)) {
    pending.push(store.append(stream, [event], 'any'));
    events += 1;
  }
  await Promise.all(pending.splice(0));
  for (let n = 0; n < ESCALATIONS; n++) {
    const decided = escalationEvents(n, now);
    const stream = `escalation-${(decided[0].data as { escalationId: string }).escalationId}`;
    pending.push(
      store.append(
        stream,
        decided.map((e) => newEvent(e.type, e.data as Record<string, unknown>)),
        'no_stream',
      ),
    );
    events += decided.length;
    if (pending.length === 2_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const head = await store.headPosition();
  await store.close();
  return { events, head: head === 'start' ? 0n : head };
}

/** Until the api-tokens read model has caught up too, the admin token is not known yet: keep asking. */
async function waitForProjections(http: HttpLoad, head: bigint): Promise<void> {
  for (;;) {
    const response = JSON.parse(await http.post(JSON.stringify({ query: '{ projections { name position state } }' })));
    if (response.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    const { projections } = response.data;
    const behind = (projections as Array<{ position: string; state: string }>).filter(
      (p) => p.position === 'start' || BigInt(p.position) < head,
    );
    if (behind.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const OPEN_ESCALATIONS = `query($filter: OpenEscalationsFilter, $first: Int) {
  openEscalations(filter: $filter, first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id title severity state ageMinutes raisedAt incidentTag dri { id name } rotation { id name } lastNote { text at } }
  }
}`;

function randomFilter(): Record<string, unknown> {
  const pick = Math.floor(Math.random() * 4);
  if (pick === 1) return { rotationIds: [rotationId(Math.floor(Math.random() * ROTATIONS))] };
  if (pick === 2) return { severities: [SEVERITIES[Math.floor(Math.random() * SEVERITIES.length)]] };
  if (pick === 3) return { driId: responderId(Math.floor(Math.random() * RESPONDERS)) };
  return {};
}

/** CPU time the service spends per request, sequential requests from one client. */
async function cpuPerRequest(pid: number | undefined, http: HttpLoad, body: () => string): Promise<number | undefined> {
  const requests = 2_000;
  const before = processCpuMs(pid);
  for (let i = 0; i < requests; i++) await http.post(body());
  const after = processCpuMs(pid);
  return before === undefined || after === undefined ? undefined : (after - before) / requests;
}

async function measure(nodeArgs: string[], events: number, head: bigint, path: string): Promise<void> {
  const service = new ServiceProcess(
    await freePort(),
    {
      SQLITE_PATH: path,
      READ_MODEL_PATH: ':memory:',
      JWT_SECRET_FILE: `${path}.jwt-secret`,
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    },
    nodeArgs,
  );
  let http: HttpLoad | undefined;
  try {
    const starting = performance.now();
    const authorization = `Bearer ${service.issueAdminToken()}`;
    await service.start(180_000);
    console.log(`service answering its health check after ${Math.round(performance.now() - starting)} ms`);
    http = new HttpLoad(service.port, { clients: CLIENTS, seconds: SECONDS, authorization });
    await waitForProjections(http, head);
    console.log(
      `service started and built its read models from ${events} events in ${Math.round(performance.now() - starting)} ms`,
    );
    const all = (await http.gql(OPEN_ESCALATIONS, { first: 1 })).openEscalations;
    console.log(`open escalations: ${all.totalCount} of ${ESCALATIONS}`);

    const baselineBody = () => JSON.stringify({ query: '{ __typename }' });
    const openBody = () =>
      JSON.stringify({ query: OPEN_ESCALATIONS, variables: { filter: randomFilter(), first: 20 } });
    await http.closedLoop(baselineBody); // warm-up
    const openBaseline = await http.openLoop(baselineBody, RATE);
    const baseline = await http.closedLoop(baselineBody);
    await http.closedLoop(openBody); // warm-up
    const openLoop = await http.openLoop(openBody, RATE);
    const closedLoop = await http.closedLoop(openBody);
    const cpu = {
      baseline: await cpuPerRequest(service.pid, http, baselineBody),
      open: await cpuPerRequest(service.pid, http, openBody),
    };

    printTable(
      `Open loop: ${CLIENTS} clients sending ${RATE} requests/s in all, ${ESCALATIONS} escalations in the history`,
      [
        latencyRow('baseline: { __typename }', openBaseline, openBaseline),
        latencyRow('openEscalations, first 20, random filter', openLoop, openBaseline),
      ],
    );
    printTable(`Closed loop: ${CLIENTS} clients back to back, ${SECONDS} s per case`, [
      latencyRow('baseline: { __typename }', baseline, baseline),
      latencyRow('openEscalations, first 20, random filter', closedLoop, baseline),
    ]);
    if (cpu.baseline !== undefined && cpu.open !== undefined) {
      console.log(
        `service CPU per request (one client, 2,000 requests; insensitive to other load on the machine): ` +
          `baseline ${cpu.baseline.toFixed(3)} ms, openEscalations ${cpu.open.toFixed(3)} ms`,
      );
    }
    console.log(
      `target: p99 < 10 ms for openEscalations -> open loop ${openLoop.p99 < 10 ? 'met' : 'NOT met'}, closed loop ${closedLoop.p99 < 10 ? 'met' : 'NOT met'}`,
    );
    if (process.env.SERVICE_OUTPUT) console.log(service.output);
  } catch (error) {
    console.error(service.output.slice(-3000));
    throw error;
  } finally {
    await service.stop();
    http?.close();
  }
}

async function main() {
  const dir = tempDir('bench-escalations-');
  try {
    const seeding = performance.now();
    const { events, head } = await seed(dir.path('events.sqlite'), Date.now());
    const seedMs = performance.now() - seeding;
    console.log(
      `seeded ${ESCALATIONS} escalations (${events} events) in ${Math.round(seedMs)} ms (${rate(events, seedMs)} events/s)`,
    );
    const nodeArgs = process.env.SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    await measure(nodeArgs, events, head, dir.path('events.sqlite'));
  } finally {
    dir.remove();
  }
}

void main();
