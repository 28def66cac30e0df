/**
 * Latency of `currentOnCall` over HTTP with 50 concurrent clients and 1,000 rotations, against a
 * baseline measured in the same run: the same clients asking `{ __typename }` of a bare Apollo
 * Server 5 + express 5 process (bench/baseline-server.ts), which costs the HTTP and GraphQL layers
 * and nothing of ours. A reset connection is counted (column "no answer"), not fatal.
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
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { BaselineProcess, printTable, tempDir } from './bench-support.js';
import { HttpLoad, latencyRow } from './http-load.js';

const ROTATIONS = 1_000;
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RATE = Number(process.env.RATE ?? 1000);
let http: HttpLoad;
let bare: HttpLoad | undefined;

async function seed(): Promise<string[]> {
  const responders: string[] = [];
  for (let i = 0; i < ROTATIONS * 3; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, (_, k) =>
        http.gql(`mutation($i: RegisterResponderInput!) { registerResponder(input: $i) { id } }`, {
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
        return http.gql(`mutation($i: CreateRotationInput!) { createRotation(input: $i) { id } }`, {
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

async function main() {
  const dir = tempDir('bench-on-call-');
  const service = new ServiceProcess(
    await freePort(),
    {
      SQLITE_PATH: dir.path('events.sqlite'),
      READ_MODEL_PATH: ':memory:',
      JWT_SECRET_FILE: dir.path('jwt-secret'),
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    },
    process.env.SERVICE_NODE_ARGS?.split(' ') ?? [],
  );
  const bareServer = new BaselineProcess();
  try {
    const authorization = `Bearer ${service.issueAdminToken()}`;
    await Promise.all([service.start(), bareServer.start()]);
    http = new HttpLoad(service.port, { clients: CLIENTS, seconds: SECONDS, authorization });
    bare = new HttpLoad(bareServer.port, { clients: CLIENTS, seconds: SECONDS });
    const seeding = performance.now();
    const rotations = await seed();
    console.log(
      `seeded ${ROTATIONS * 3} responders and ${rotations.length} rotations in ${Math.round(performance.now() - seeding)} ms`,
    );
    const query = `query($at: DateTime, $ids: [ID!]) { currentOnCall(at: $at, rotationIds: $ids) {
      rotation { id name } onCall { responder { id name handle } start end isDri reason { kind } } } }`;
    const randomInstant = () =>
      new Date(Date.parse('2026-01-05T00:00:00Z') + Math.random() * 300 * 86_400_000).toISOString();
    await bare.closedLoop(() => JSON.stringify({ query: '{ __typename }' })); // warm-up
    const openBaseline = await bare.openLoop(() => JSON.stringify({ query: '{ __typename }' }), RATE);
    const baseline = await bare.closedLoop(() => JSON.stringify({ query: '{ __typename }' }));
    const oneRotation = () =>
      JSON.stringify({
        query,
        variables: { at: randomInstant(), ids: [rotations[Math.floor(Math.random() * rotations.length)]] },
      });
    await http.closedLoop(oneRotation); // warm-up
    const openOne = await http.openLoop(oneRotation, RATE);
    const one = await http.closedLoop(oneRotation);
    const all = await http.closedLoop(() => JSON.stringify({ query, variables: { at: randomInstant() } }));
    printTable(`Closed loop: ${CLIENTS} clients back to back, ${ROTATIONS} rotations, ${SECONDS} s per case`, [
      latencyRow('baseline: bare Apollo + express, { __typename }', baseline, baseline),
      latencyRow('currentOnCall, one rotation, random instant', one, baseline),
      latencyRow(`currentOnCall, all ${ROTATIONS} rotations, random instant`, all, baseline),
    ]);
    printTable(`Open loop: ${CLIENTS} clients sending ${RATE} requests/s in all, ${ROTATIONS} rotations`, [
      latencyRow('baseline: bare Apollo + express, { __typename }', openBaseline, openBaseline),
      latencyRow('currentOnCall, one rotation, random instant', openOne, openBaseline),
    ]);
    console.log(
      `target: open loop p99 <= 10 ms and <= 3x the baseline's for currentOnCall -> ` +
        `${openOne.p99 <= 10 && openOne.p99 <= 3 * openBaseline.p99 ? 'met' : 'NOT met'}`,
    );
    if (process.env.SERVICE_OUTPUT) console.log(service.output);
  } catch (error) {
    console.error(service.output.slice(-3000));
    throw error;
  } finally {
    await Promise.all([service.stop(), bareServer.stop()]);
    http?.close();
    bare?.close();
    dir.remove();
  }
}

void main();
