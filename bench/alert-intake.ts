/**
 * Accepted Events API v2 triggers per second on one integration key, against a baseline measured
 * in the same run: the service's own GraphQL `raiseEscalation` (the way escalations were raised
 * before integrations), with the same number of clients back to back.
 *
 * Cases, each CLIENTS clients back to back for SECONDS seconds on the built service (its own
 * process, the embedded store on a file, synchronous=FULL):
 * - baseline: `raiseEscalation` over GraphQL (a new escalation and a page each);
 * - dedup hits: every trigger has the same dedup_key (one open escalation, occurrences counted);
 * - new dedup keys: every trigger opens a new escalation and pages (two streams appended).
 * Every answer is checked (202, or no GraphQL error), and the escalations are counted afterwards.
 *
 *   npm run bench:alerts   (SECONDS=8 CLIENTS=50)
 */
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { printTable, tempDir } from './bench-support.js';
import { HttpLoad, type LoadResult } from './http-load.js';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 8);
const TARGET = 1000;

async function main(): Promise<void> {
  const dir = tempDir('bench-alerts-');
  const service = new ServiceProcess(await freePort(), {
    SQLITE_PATH: dir.path('events.sqlite'),
    READ_MODEL_PATH: ':memory:',
    JWT_SECRET_FILE: dir.path('jwt-secret'),
    RATE_LIMIT_PER_MINUTE: '100000000',
    ALERT_RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
  });
  try {
    const authorization = `Bearer ${service.issueAdminToken()}`;
    await service.start(60_000);
    const graphql = new HttpLoad(service.port, { clients: CLIENTS, seconds: SECONDS, authorization });
    const intake = new HttpLoad(service.port, { clients: CLIENTS, seconds: SECONDS, path: '/v2/enqueue' });
    const responder = await graphql.gql(
      `mutation { registerResponder(input: { name: "Ana", handle: "ana", timeZone: "UTC", team: "sre", role: ENGINEER }) { id } }`,
    );
    const rotation = await graphql.gql(
      `mutation($p: [ID!]!) { createRotation(input: { name: "SRE", team: "sre", timeZone: "UTC", startDate: "2026-01-01",
        pattern: { cycle: DAILY, handoffs: [{ time: "00:00" }] }, participantIds: $p }) { id } }`,
      { p: [responder.registerResponder.id] },
    );
    const rotationId = rotation.createRotation.id as string;
    const created = await graphql.gql(
      `mutation($r: ID!) { createIntegrationKey(input: { name: "bench", kind: EVENTS_V2, rotationId: $r }) { key integrationKey { id } } }`,
      { r: rotationId },
    );
    const routingKey = created.createIntegrationKey.key as string;
    const keyId = created.createIntegrationKey.integrationKey.id as string;

    const raiseBody = () =>
      JSON.stringify({
        query: `mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }`,
        variables: {
          input: { source: 'INFRASTRUCTURE', severity: 'S3', title: 'Disk full', description: '', rotationId },
        },
      });
    let n = 0;
    const triggerBody = (dedupKey: string) =>
      JSON.stringify({
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: dedupKey,
        payload: { summary: 'Disk full on db-1', source: 'db-1', severity: 'warning', custom_details: { free: '1%' } },
      });

    await graphql.closedLoop(raiseBody); // warm-up
    const baseline = await graphql.closedLoop(raiseBody);
    await intake.closedLoop(() => triggerBody('warm-up'));
    let sameSent = 0;
    const hits = await intake.closedLoop(() => (sameSent++, triggerBody('same-alert')));
    const fresh = await intake.closedLoop(() => triggerBody(`alert-${n++}`));

    const count = async (dedupKey?: string) =>
      (
        await graphql.gql(
          `query($f: AlertEscalationsFilter) { alertEscalations(filter: $f, first: 1) { totalCount nodes { alert { occurrences } } } }`,
          {
            f: { integrationKeyId: keyId, ...(dedupKey ? { dedupKey } : {}) },
          },
        )
      ).alertEscalations;
    const same = await count('same-alert');
    const all = await count();
    const occurrences = same.nodes[0]?.alert.occurrences;
    const opened = all.totalCount - 2;
    console.log(
      `dedup hits: ${sameSent} triggers sent, ${same.totalCount} escalation with ${occurrences} occurrences; ` +
        `new dedup keys: ${n} triggers sent, ${opened} escalations opened`,
    );
    // Every trigger sent was answered 202 and recorded: nothing refused, nothing lost.
    if (same.totalCount !== 1 || occurrences !== sameSent || opened !== n) {
      throw new Error('The service did not record every trigger it was sent');
    }
    const row = (name: string, result: LoadResult) => ({
      case: name,
      'accepted/s': result.rps,
      'p50 ms': result.p50.toFixed(2),
      'p99 ms': result.p99.toFixed(2),
      'vs baseline': `${(result.rps / baseline.rps).toFixed(2)}x`,
      [`target ≥ ${TARGET}/s`]: name.startsWith('baseline') ? '' : result.rps >= TARGET ? 'met' : 'not met',
    });
    printTable(`${CLIENTS} clients back to back, ${SECONDS} s per case, one integration key`, [
      row('baseline: GraphQL raiseEscalation', baseline),
      row('Events v2 trigger, dedup hits (one dedup_key)', hits),
      row('Events v2 trigger, a new dedup_key each', fresh),
    ]);
    graphql.close();
    intake.close();
  } finally {
    await service.stop();
    dir.remove();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
