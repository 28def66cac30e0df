/**
 * Outbound webhook delivery: how many signed webhook notifications per second the service
 * delivers to a local receiver, and the delay from a source event being appended to the store to
 * its first delivery attempt arriving (p50/p99), against a baseline measured in the same run: a
 * bare HTTP POST loop from this script to the same receiver (no store, no signing, no events).
 *
 * Throughput: the script writes one webhook subscription (every escalation raised) and
 * DELIVERIES escalations straight into the embedded store's SQLite file, then starts the built
 * service (its own process): the subscription's projection owes one delivery per escalation and
 * the service sends them (claim event, signed POST, attempt event, WEBHOOK_SEND_CONCURRENCY at a
 * time). Rate = deliveries / (last arrival - first arrival).
 * Delay: escalations raised through GraphQL at RATE per second for SECONDS; for each, the time
 * from its EscalationRaised event's occurredAt to the arrival of its webhook.
 * A sample of the requests is checked with the standardwebhooks package's own verifier.
 *
 *   npm run bench:notifications   (DELIVERIES=5000 RATE=20 SECONDS=10)
 */
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { defaultPolicy, escalationDecider, type EscalationDeciderState, type EscalationEvent } from '@app/escalations';
import { SqliteEventStore } from '@app/event-store';
import { NotificationKeys } from '@app/notifications';
import { LocalReceiver } from '../libs/notifications/src/testing/local-receiver.js';
import { ServiceProcess, freePort } from '../test/support/service-process.js';
import { newEvent, percentile, printTable, rate, tempDir } from './bench-support.js';

const DELIVERIES = Number(process.env.DELIVERIES ?? 5000);
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONCURRENCY = 16;
const SECRET = `bench-notification-secret-${randomUUID()}`;
const SUBSCRIPTION = randomUUID();
const RESPONDER = '00000000-0000-4000-8000-000000000001';
const ROTATION = '00000000-0000-4000-9000-000000000001';

function escalationRaised(n: number, now: number): EscalationEvent[] {
  const escalationId = randomUUID();
  const state: EscalationDeciderState = null;
  return escalationDecider.decide(
    {
      type: 'Raise',
      escalationId,
      pageId: randomUUID(),
      paging: [
        {
          step: 0,
          layer: 'RESPONDER',
          rotationId: ROTATION,
          source: 'ON_CALL',
          candidates: [{ responderId: RESPONDER, online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
          shadowIds: [],
          ackTimeoutMinutes: 24 * 60,
        },
      ],
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      kind: null,
      title: `Escalation ${n}: error rate up`,
      description: 'Seeded for the benchmark',
      links: [],
      rotationId: ROTATION,
      serviceId: null,
      routedToServiceOwner: false,
      incidentTag: null,
      raisedAt: new Date(now).toISOString(),
      raisedBy: 'bench',
      policy: defaultPolicy(ROTATION),
    },
    state,
  );
}

async function seed(path: string, receiverUrl: string): Promise<void> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  const now = Date.now();
  const yesterday = new Date(now - 86_400_000).toISOString().slice(0, 10);
  await store.append(
    `responder-${RESPONDER}`,
    [
      newEvent('ResponderRegistered', {
        responderId: RESPONDER,
        name: 'Bench',
        handle: 'bench',
        timeZone: 'UTC',
        team: 'bench',
        role: 'engineer',
        workingHours: [],
        onCallRestricted: false,
        registeredAt: new Date(now - 86_400_000).toISOString(),
      }),
    ],
    'no_stream',
  );
  await store.append(
    `rotation-${ROTATION}`,
    [
      newEvent('RotationCreated', {
        rotationId: ROTATION,
        name: 'Bench',
        team: 'bench',
        timeZone: 'UTC',
        startDate: yesterday,
        pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
        coverageWindows: [],
        driWindows: [],
        participants: [{ responderId: RESPONDER }],
        shadows: [],
        createdAt: new Date(now).toISOString(),
      }),
    ],
    'no_stream',
  );
  await store.append(
    `webhook-subscription-${SUBSCRIPTION}`,
    [
      newEvent('WebhookSubscriptionCreated', {
        subscriptionId: SUBSCRIPTION,
        name: 'bench',
        url: `${receiverUrl}/hooks`,
        eventKinds: ['ESCALATION_RAISED'],
        createdBy: 'bench',
        at: new Date(now).toISOString(),
      }),
    ],
    'no_stream',
  );
  const pending: Promise<unknown>[] = [];
  for (let n = 0; n < DELIVERIES; n++) {
    const events = escalationRaised(n, now);
    const stream = `escalation-${(events[0].data as { escalationId: string }).escalationId}`;
    pending.push(
      store.append(
        stream,
        events.map((e) => newEvent(e.type, e.data as Record<string, unknown>)),
        'no_stream',
      ),
    );
    if (pending.length === 1000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await store.close();
}

/** The baseline: POSTs of a webhook-sized body from this process, CONCURRENCY at a time, then one at a time. */
async function bareLoop(url: string, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const body = JSON.stringify({
    type: 'escalation.raised',
    timestamp: new Date().toISOString(),
    data: { n: 'x'.repeat(1500) },
  });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        `${url}/baseline`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < count) {
        sent += 1;
        await post();
      }
    }),
  );
  const concurrentRate = rate(count, performance.now() - started);
  const latencies: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await post();
    latencies.push(performance.now() - t);
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rate: concurrentRate, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  const dir = tempDir('bench-notifications-');
  const receiver = await LocalReceiver.start(() => ({ status: 204 }));
  const arrivals: number[] = [];
  receiver.answerWith((r) => {
    if (r.path === '/hooks') arrivals.push(Date.now());
    return { status: 204 };
  });
  const path = dir.path('events.sqlite');
  let service: ServiceProcess | undefined;
  try {
    const baseline = await bareLoop(receiver.url, DELIVERIES);
    receiver.requests.length = 0;

    const seeding = performance.now();
    await seed(path, receiver.url);
    console.log(
      `seeded ${DELIVERIES} escalations and one subscription in ${Math.round(performance.now() - seeding)} ms`,
    );
    service = new ServiceProcess(await freePort(), {
      SQLITE_PATH: path,
      READ_MODEL_PATH: ':memory:',
      JWT_SECRET_FILE: `${path}.jwt-secret`,
      NOTIFICATION_SECRET: SECRET,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    });
    const token = service.issueAdminToken();
    const startedAt = Date.now();
    await service.start(120_000);
    await waitUntil(() => arrivals.length >= DELIVERIES, 120_000, `${DELIVERIES} deliveries`);
    const backlogMs = arrivals[DELIVERIES - 1] - arrivals[0];
    console.log(
      `first delivery ${arrivals[0] - startedAt} ms, last ${arrivals[DELIVERIES - 1] - startedAt} ms after starting the service`,
    );
    const deliveredRate = rate(DELIVERIES - 1, backlogMs);

    const secret = new NotificationKeys(SECRET).webhookSecret(SUBSCRIPTION);
    const hooks = receiver.requests.filter((r) => r.path === '/hooks');
    const ids = new Set(hooks.map((r) => r.headers['webhook-id']));
    for (const r of hooks.filter((_, i) => i % 50 === 0)) {
      new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    }

    // Delay from the source event (appended by the service) to its webhook's arrival.
    const raise = async () => {
      const response = await fetch(`${service!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }`,
          variables: {
            input: { source: 'INFRASTRUCTURE', severity: 'S4', title: 'Live', description: '', rotationId: ROTATION },
          },
        }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const before = hooks.length;
    const live = RATE * SECONDS;
    const raises: Promise<void>[] = [];
    for (let i = 0; i < live; i++) {
      raises.push(raise());
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    await Promise.all(raises);
    await waitUntil(
      () => receiver.requests.filter((r) => r.path === '/hooks').length >= before + live,
      30_000,
      'live deliveries',
    );
    const delays = receiver.requests
      .filter((r) => r.path === '/hooks')
      .slice(before)
      .map((r, i) => arrivals[before + i] - Date.parse((JSON.parse(r.body) as { timestamp: string }).timestamp))
      .sort((a, b) => a - b);

    printTable(`Webhook notifications to a local receiver (127.0.0.1), ${DELIVERIES} in the backlog`, [
      {
        what: `baseline: bare POST loop, ${CONCURRENCY} at a time`,
        'per second': baseline.rate,
        'p50 ms': '',
        'p99 ms': '',
      },
      {
        what: 'baseline: one bare POST (sequential)',
        'per second': '',
        'p50 ms': baseline.p50.toFixed(2),
        'p99 ms': baseline.p99.toFixed(2),
      },
      {
        what: 'service: backlog drained (claim, signed POST, attempt event)',
        'per second': deliveredRate,
        'p50 ms': '',
        'p99 ms': '',
      },
      {
        what: `service: source event -> first attempt arrives (${RATE}/s raised live)`,
        'per second': '',
        'p50 ms': percentile(delays, 50),
        'p99 ms': percentile(delays, 99),
      },
    ]);
    console.log(
      `deliveries/s ${deliveredRate} = ${(deliveredRate / baseline.rate).toFixed(2)}x the bare POST loop; ` +
        `${ids.size} distinct webhook-ids for ${hooks.length} requests; sampled signatures verified with standardwebhooks`,
    );
  } catch (error) {
    if (service) console.error(service.output.slice(-3000));
    throw error;
  } finally {
    await service?.stop();
    await receiver.close();
    dir.remove();
  }
}

void main();
