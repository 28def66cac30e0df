/**
 * What one request costs the service, against a bare Apollo Server 5 + express 5 process
 * (bench/baseline-server.ts) measured in the same run:
 * - CPU time per request (from /proc, each server its own process; other load on the machine
 *   barely changes it): `{ __typename }` on the baseline, then on the service with a token,
 *   `currentOnCall` for one rotation and `openEscalations` (first 20) on the service. Each case is
 *   measured ROUNDS times, interleaved, and the median is kept.
 * - Latency in an open loop: CLIENTS clients sending RATE requests per second in all, whether or
 *   not earlier answers have arrived, each latency counted from its scheduled send (free of
 *   coordinated omission): the baseline's `{ __typename }`, then `currentOnCall` and
 *   `openEscalations` on the service.
 *
 *   npm run bench:requests     (REQUESTS=2000 ROUNDS=3 SECONDS=5 CLIENTS=50 RATE=1000;
 *                               SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service)
 */
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { BaselineProcess, cpuPerRequest, printTable, ratio, tempDir } from './bench-support.js';
import { HttpLoad, type LoadResult } from './http-load.js';

const REQUESTS = Number(process.env.REQUESTS ?? 2_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 5);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const RATE = Number(process.env.RATE ?? 1000);

const TYPENAME = JSON.stringify({ query: '{ __typename }' });
const CURRENT_ON_CALL = `query($at: DateTime, $ids: [ID!]) { currentOnCall(at: $at, rotationIds: $ids) {
  rotation { id name } onCall { responder { id name handle } start end isDri reason { kind } } } }`;
const OPEN_ESCALATIONS = `query { openEscalations(first: 20) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id title severity state ageMinutes raisedAt dri { id name } rotation { id name } } } }`;

async function seed(http: HttpLoad): Promise<string> {
  const responders: string[] = [];
  for (let i = 0; i < 3; i++) {
    const data = await http.gql(`mutation($i: RegisterResponderInput!) { registerResponder(input: $i) { id } }`, {
      i: { name: `R ${i}`, handle: `r${i}`, timeZone: 'Europe/Berlin', team: 'payments', role: 'ENGINEER' },
    });
    responders.push(data.registerResponder.id);
  }
  const { createRotation } = await http.gql(`mutation($i: CreateRotationInput!) { createRotation(input: $i) { id } }`, {
    i: {
      name: 'Payments',
      team: 'payments',
      timeZone: 'Europe/Berlin',
      startDate: '2026-01-05',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '05:00' }, { time: '13:00' }, { time: '21:00' }] },
      driWindows: [{ start: '09:00', end: '17:00' }],
      participantIds: responders,
    },
  });
  for (let i = 0; i < 20; i++) {
    await http.gql(`mutation($i: RaiseEscalationInput!) { raiseEscalation(input: $i) { id } }`, {
      i: {
        source: 'SUPPORT',
        severity: 'S2',
        title: `Checkout down ${i}`,
        description: '',
        rotationId: createRotation.id,
      },
    });
  }
  return createRotation.id as string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const dir = tempDir('bench-requests-');
  const baseline = new BaselineProcess();
  const service = new ServiceProcess(
    await freePort(),
    {
      SQLITE_PATH: dir.path('events.sqlite'),
      READ_MODEL_PATH: dir.path('read-models.sqlite'),
      JWT_SECRET_FILE: dir.path('jwt-secret'),
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
    },
    process.env.SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  );
  const loads: HttpLoad[] = [];
  try {
    const authorization = `Bearer ${service.issueAdminToken()}`;
    await Promise.all([baseline.start(), service.start()]);
    const bare = new HttpLoad(baseline.port, { clients: CLIENTS, seconds: SECONDS });
    const ours = new HttpLoad(service.port, { clients: CLIENTS, seconds: SECONDS, authorization });
    loads.push(bare, ours);
    const rotationId = await seed(ours);
    const onCall = () =>
      JSON.stringify({
        query: CURRENT_ON_CALL,
        variables: {
          at: new Date(Date.parse('2026-01-05T00:00:00Z') + Math.random() * 300 * 86_400_000).toISOString(),
          ids: [rotationId],
        },
      });
    const escalations = () => JSON.stringify({ query: OPEN_ESCALATIONS });
    const checked = async (http: HttpLoad, body: string) => {
      const text = await http.post(body);
      if (text.includes('"errors"')) throw new Error(text);
    };
    const cases = {
      baseline: () => checked(bare, TYPENAME),
      typename: () => checked(ours, TYPENAME),
      currentOnCall: () => checked(ours, onCall()),
      openEscalations: () => checked(ours, escalations()),
    };
    const pids = {
      baseline: baseline.pid,
      typename: service.pid,
      currentOnCall: service.pid,
      openEscalations: service.pid,
    };
    const cpu: Record<keyof typeof cases, number[]> = {
      baseline: [],
      typename: [],
      currentOnCall: [],
      openEscalations: [],
    };
    for (const [name, send] of Object.entries(cases)) await cpuPerRequest(pids[name as keyof typeof cases], send, 500); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, send] of Object.entries(cases)) {
        cpu[name as keyof typeof cases].push(await cpuPerRequest(pids[name as keyof typeof cases], send, REQUESTS));
      }
    }
    const base = median(cpu.baseline);
    const cpuRow = (name: string, values: number[], target?: number) => ({
      case: name,
      'CPU µs/request (median)': Math.round(median(values) * 1000),
      rounds: values.map((v) => Math.round(v * 1000)).join(' '),
      'vs baseline': ratio(median(values), base),
      target: target ? `<= ${target}x ${median(values) / base <= target ? 'met' : 'NOT met'}` : '',
    });
    printTable(`CPU per request: ${REQUESTS} requests from 4 clients, ${ROUNDS} rounds`, [
      cpuRow('baseline: bare Apollo + express, { __typename }', cpu.baseline),
      cpuRow('service: { __typename } with a token', cpu.typename, 1.3),
      cpuRow('service: currentOnCall, one rotation', cpu.currentOnCall, 1.6),
      cpuRow('service: openEscalations, first 20 of 20', cpu.openEscalations),
    ]);

    const open: Array<[string, LoadResult]> = [
      ['baseline: bare Apollo + express, { __typename }', await bare.openLoop(() => TYPENAME, RATE)],
      ['service: currentOnCall, one rotation', await ours.openLoop(onCall, RATE)],
      ['service: openEscalations, first 20', await ours.openLoop(escalations, RATE)],
    ];
    const baseP99 = open[0][1].p99;
    printTable(`Open loop: ${CLIENTS} clients sending ${RATE} requests/s in all, ${SECONDS} s per case`, [
      ...open.map(([name, result], index) => ({
        case: name,
        'p50 ms': result.p50.toFixed(2),
        'p99 ms': result.p99.toFixed(2),
        'requests/s': result.rps,
        'no answer': result.failed,
        'p99 vs baseline': ratio(result.p99, baseP99),
        target:
          index === 0
            ? ''
            : `p99 <= 10 ms ${result.p99 <= 10 ? 'met' : 'NOT met'}, <= 3x ${result.p99 <= 3 * baseP99 ? 'met' : 'NOT met'}`,
      })),
    ]);
    if (process.env.SERVICE_OUTPUT) console.log(service.output);
  } catch (error) {
    console.error(service.output.slice(-3000));
    throw error;
  } finally {
    loads.forEach((load) => load.close());
    await Promise.all([service.stop(), baseline.stop()]);
    dir.remove();
  }
}

void main();
