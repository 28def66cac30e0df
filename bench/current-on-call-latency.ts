/**
 * Latency of `currentOnCall` over HTTP with 50 concurrent clients and 1,000 rotations, against a
 * baseline measured in the same run: the same clients asking `{ __typename }`, which costs the
 * HTTP and GraphQL layers and nothing of ours.
 *
 * The service runs as its own process (dist/apps/api/src/main.js) on an embedded store; this
 * process seeds it through GraphQL and then drives the load two ways:
 * - closed loop (saturation): each client sends its next request as soon as the previous answer
 *   arrives, so latency is mostly queueing behind the other 49 clients;
 * - open loop (a dashboard fleet): the 50 clients send at a fixed total rate (RATE per second),
 *   whether or not earlier answers have arrived, and latency counts from the scheduled send.
 *
 *   npm run bench:on-call            (SECONDS=10 per case, CLIENTS=50, RATE=1000)
 */
import { Agent, request } from 'node:http';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { percentile, printTable, tempDir } from './bench-support.js';

const ROTATIONS = 1_000;
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RATE = Number(process.env.RATE ?? 1000);
/** Each phase gets fresh keep-alive connections: the server drops idle ones after 5 s. */
let authorization = '';
let agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function freshConnections(): void {
  agent.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
}

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

async function gql(port: number, query: string, variables: Record<string, unknown> = {}) {
  const response = JSON.parse(await post(port, JSON.stringify({ query, variables })));
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

async function seed(port: number): Promise<string[]> {
  const responders: string[] = [];
  for (let i = 0; i < ROTATIONS * 3; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, (_, k) =>
        gql(port, `mutation($i: RegisterResponderInput!) { registerResponder(input: $i) { id } }`, {
          i: {
            name: `R ${i + k}`,
            handle: `r${i + k}`,
            timeZone: 'Europe/Berlin',
            team: `team-${(i + k) % 40}`,
            role: 'ENGINEER',
          },
        }),
      ),
    );
    responders.push(...batch.map((d) => d.registerResponder.id));
  }
  const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles'];
  const rotations: string[] = [];
  for (let i = 0; i < ROTATIONS; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: 25 }, (_, k) => {
        const n = i + k;
        const daily = n % 2 === 0;
        return gql(port, `mutation($i: CreateRotationInput!) { createRotation(input: $i) { id } }`, {
          i: {
            name: `Rotation ${n}`,
            team: `team-${n % 40}`,
            timeZone: zones[n % zones.length],
            startDate: '2026-01-05',
            pattern: daily
              ? { cycle: 'DAILY', handoffs: [{ time: '05:00' }, { time: '13:00' }, { time: '21:00' }] }
              : { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '10:00' }], respondersPerShift: 2 },
            driWindows: [{ start: '09:00', end: '17:00' }],
            participantIds: [0, 1, 2].map((p) => responders[(n * 3 + p) % responders.length]),
          },
        });
      }),
    );
    rotations.push(...batch.map((d) => d.createRotation.id));
  }
  return rotations;
}

async function load(port: number, nextBody: () => string): Promise<{ p50: number; p99: number; rps: number }> {
  freshConnections();
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const text = await post(port, nextBody());
        latencies.push(performance.now() - started);
        if (text.includes('"errors"')) throw new Error(text);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: Math.round(latencies.length / SECONDS),
  };
}

async function openLoad(port: number, nextBody: () => string): Promise<{ p50: number; p99: number; rps: number }> {
  freshConnections();
  const latencies: number[] = [];
  const interval = (1000 * CLIENTS) / RATE;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; ; n++) {
        const scheduled = started + (n + client / CLIENTS) * interval;
        if (scheduled - started > SECONDS * 1000) break;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        inFlight.push(
          post(port, nextBody()).then((text) => {
            if (text.includes('"errors"')) throw new Error(text);
            latencies.push(performance.now() - scheduled);
          }),
        );
      }
    }),
  );
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  if (process.env.DEBUG_LATENCY)
    console.log([50, 90, 95, 99, 99.9, 100].map((p) => `p${p}=${percentile(latencies, p).toFixed(2)}`).join(' '));
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: Math.round(latencies.length / SECONDS),
  };
}

async function main() {
  const dir = tempDir('bench-on-call-');
  const service = new ServiceProcess(
    await freePort(),
    {
      SQLITE_PATH: dir.path('events.sqlite'),
      READ_MODEL_PATH: ':memory:',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    },
    process.env.SERVICE_NODE_ARGS?.split(' ') ?? [],
  );
  try {
    authorization = `Bearer ${service.issueAdminToken()}`;
    await service.start();
    const seeding = performance.now();
    const rotations = await seed(service.port);
    console.log(
      `seeded ${ROTATIONS * 3} responders and ${rotations.length} rotations in ${Math.round(performance.now() - seeding)} ms`,
    );
    const query = `query($at: DateTime, $ids: [ID!]) { currentOnCall(at: $at, rotationIds: $ids) {
      rotation { id name } onCall { responder { id name handle } start end isDri reason { kind } } } }`;
    const randomInstant = () =>
      new Date(Date.parse('2026-01-05T00:00:00Z') + Math.random() * 300 * 86_400_000).toISOString();
    await load(service.port, () => JSON.stringify({ query: '{ __typename }' })); // warm-up
    const openBaseline = await openLoad(service.port, () => JSON.stringify({ query: '{ __typename }' }));
    const baseline = await load(service.port, () => JSON.stringify({ query: '{ __typename }' }));
    const oneRotation = () =>
      JSON.stringify({
        query,
        variables: { at: randomInstant(), ids: [rotations[Math.floor(Math.random() * rotations.length)]] },
      });
    await load(service.port, oneRotation); // warm-up
    const openOne = await openLoad(service.port, oneRotation);
    const one = await load(service.port, oneRotation);
    const all = await load(service.port, () => JSON.stringify({ query, variables: { at: randomInstant() } }));
    const row = (name: string, r: { p50: number; p99: number; rps: number }, base: { p99: number }) => ({
      case: name,
      'p50 ms': r.p50.toFixed(2),
      'p99 ms': r.p99.toFixed(2),
      'requests/s': r.rps,
      'p99 vs baseline': `${(r.p99 / base.p99).toFixed(2)}x`,
    });
    printTable(`Closed loop: ${CLIENTS} clients back to back, ${ROTATIONS} rotations, ${SECONDS} s per case`, [
      row('baseline: { __typename }', baseline, baseline),
      row('currentOnCall, one rotation, random instant', one, baseline),
      row(`currentOnCall, all ${ROTATIONS} rotations, random instant`, all, baseline),
    ]);
    printTable(`Open loop: ${CLIENTS} clients sending ${RATE} requests/s in all, ${ROTATIONS} rotations`, [
      row('baseline: { __typename }', openBaseline, openBaseline),
      row('currentOnCall, one rotation, random instant', openOne, openBaseline),
    ]);
    console.log(
      `target: p99 < 10 ms for currentOnCall -> open loop ${openOne.p99 < 10 ? 'met' : 'NOT met'}, closed loop ${one.p99 < 10 ? 'met' : 'NOT met'}`,
    );
    if (process.env.SERVICE_OUTPUT) console.log(service.output);
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
