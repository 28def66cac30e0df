/**
 * Latency of the dashboard's `openEscalations` query over HTTP with 50 concurrent clients and
 * 100,000 escalations in the history, against a baseline measured in the same run: the same
 * clients asking a bare Apollo + express server `{ __typename }` (the HTTP and GraphQL layers alone).
 *
 * The history is written straight into the embedded store's SQLite file before the service
 * starts (bench/escalation-history.ts); OPEN_SHARE (2% by default) of the escalations stay open. The service (dist/apps/api/src/main.js, its own process) then builds its read models
 * from the store at start-up; the script waits until every projection has caught up.
 *
 * Each request asks for the first page (20) of open escalations with a random filter: none, a
 * rotation, a severity, or a DRI. Closed loop: 50 clients back to back; open loop: 50 clients
 * sending RATE requests per second in all.
 *
 * The baseline is bench/baseline-server.ts, its own process. It also prints CPU time per request
 * of each server (from /proc), which other load on the machine barely changes, unlike the latencies.
 *
 *   npm run bench:escalations   (ESCALATIONS=100000 OPEN_SHARE=0.02 SECONDS=10 CLIENTS=50 RATE=1000)
 */
import { SqliteEventStore } from '@app/event-store';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { BaselineProcess, cpuPerRequest, printTable, rate, ratio, tempDir } from './bench-support.js';
import { escalationAppend, OPEN_ESCALATIONS, randomFilter, setUp, waitForProjections } from './escalation-history.js';
import { HttpLoad, latencyRow } from './http-load.js';

const ESCALATIONS = Number(process.env.ESCALATIONS ?? 100_000);
const OPEN_SHARE = Number(process.env.OPEN_SHARE ?? 0.02);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RATE = Number(process.env.RATE ?? 1000);

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
    const [stream, decided] = escalationAppend(n, now, Math.random() < OPEN_SHARE);
    pending.push(store.append(stream, decided, 'no_stream'));
    events += decided.length;
    if (pending.length === 2_000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const head = await store.headPosition();
  await store.close();
  return { events, head: head === 'start' ? 0n : head };
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
  const bareServer = new BaselineProcess();
  let http: HttpLoad | undefined;
  let bare: HttpLoad | undefined;
  try {
    const starting = performance.now();
    const authorization = `Bearer ${service.issueAdminToken()}`;
    await Promise.all([service.start(180_000), bareServer.start()]);
    console.log(`service answering its health check after ${Math.round(performance.now() - starting)} ms`);
    http = new HttpLoad(service.port, { clients: CLIENTS, seconds: SECONDS, authorization });
    bare = new HttpLoad(bareServer.port, { clients: CLIENTS, seconds: SECONDS });
    await waitForProjections(http, head);
    console.log(
      `service started and built its read models from ${events} events in ${Math.round(performance.now() - starting)} ms`,
    );
    const all = (await http.gql(OPEN_ESCALATIONS, { first: 1 })).openEscalations;
    console.log(`open escalations: ${all.totalCount} of ${ESCALATIONS}`);

    const baselineBody = () => JSON.stringify({ query: '{ __typename }' });
    const openBody = () =>
      JSON.stringify({ query: OPEN_ESCALATIONS, variables: { filter: randomFilter(), first: 20 } });
    await bare.closedLoop(baselineBody); // warm-up
    const openBaseline = await bare.openLoop(baselineBody, RATE);
    const baseline = await bare.closedLoop(baselineBody);
    await http.closedLoop(openBody); // warm-up
    const openLoop = await http.openLoop(openBody, RATE);
    const closedLoop = await http.closedLoop(openBody);
    const cpu = {
      baseline: await cpuPerRequest(bareServer.pid, () => bare!.post(baselineBody())),
      open: await cpuPerRequest(service.pid, () => http!.post(openBody())),
    };

    const baselineName = 'baseline: bare Apollo + express, { __typename }';
    printTable(
      `Open loop: ${CLIENTS} clients sending ${RATE} requests/s in all, ${ESCALATIONS} escalations in the history`,
      [
        latencyRow(baselineName, openBaseline, openBaseline),
        latencyRow('openEscalations, first 20, random filter', openLoop, openBaseline),
      ],
    );
    printTable(`Closed loop: ${CLIENTS} clients back to back, ${SECONDS} s per case`, [
      latencyRow(baselineName, baseline, baseline),
      latencyRow('openEscalations, first 20, random filter', closedLoop, baseline),
    ]);
    console.log(
      `CPU per request (2,000 requests, 4 clients; insensitive to other load on the machine): ` +
        `baseline ${cpu.baseline.toFixed(3)} ms, openEscalations ${cpu.open.toFixed(3)} ms (${ratio(cpu.open, cpu.baseline)})`,
    );
    console.log(
      `target: p99 <= 10 ms and <= 3x the baseline's for openEscalations, open loop -> ` +
        `${openLoop.p99 <= 10 && openLoop.p99 <= 3 * openBaseline.p99 ? 'met' : 'NOT met'}`,
    );
    if (process.env.SERVICE_OUTPUT) console.log(service.output);
  } catch (error) {
    console.error(service.output.slice(-3000));
    throw error;
  } finally {
    await Promise.all([service.stop(), bareServer.stop()]);
    http?.close();
    bare?.close();
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
