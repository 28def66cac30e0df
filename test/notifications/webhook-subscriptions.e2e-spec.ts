import { Webhook } from 'standardwebhooks';
import { ManualClock } from '@app/core';
import { deterministicId } from '@app/event-store';
import { NOTIFICATION_SECRET, OUTBOUND_HTTP_OPTIONS } from '@app/notifications';
import { LocalReceiver, type ReceivedRequest } from '../../libs/notifications/src/testing/local-receiver.js';
import { ACKNOWLEDGE, as, raise } from '../support/escalations.fixtures.js';
import { declare, as as asResponder, POST_UPDATE } from '../support/rapid-actions.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id name url eventKinds createdBy { id } createdAt } } }`;
const SUBSCRIPTION = `query($id: ID!, $state: WebhookDeliveryState) { webhookSubscription(id: $id) {
  id deliveries(state: $state) { totalCount nodes { id eventType sourceEventId state attempts lastStatusCode lastError nextAttemptAt deliveredAt } } } }`;
const SUBSCRIPTIONS = `{ webhookSubscriptions { totalCount nodes { id name } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhookSubscription(id: $id) { id } }`;
const SECRET = 'a-fixed-test-notification-secret-0123456789';

function verify(secret: string, request: ReceivedRequest) {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: Record<string, any> };
}

describe('Outbound webhook subscriptions', () => {
  let app: TestApp;
  let receiver: LocalReceiver;
  let rotationId: string;
  let ana: string;
  let subscriptionId: string;
  let secret: string;

  const deliveries = async (state?: string) =>
    (await app.ok(SUBSCRIPTION, { id: subscriptionId, state })).webhookSubscription.deliveries;

  beforeAll(async () => {
    receiver = await LocalReceiver.start();
    // Standard Webhooks receivers check the timestamp against their own clock: the test clock starts at real time.
    app = await startTestApp({
      clock: new ManualClock(new Date()),
      overrides: [
        { provide: OUTBOUND_HTTP_OPTIONS, useValue: { allowPrivateAddresses: true, timeoutMs: 2000 } },
        { provide: NOTIFICATION_SECRET, useValue: SECRET },
      ],
    });
    ana = await registerResponder(app, { handle: 'ana', name: 'Ana' });
    rotationId = await createRotation(app, {
      name: 'Support',
      // Starts yesterday: a rotation started months before the (real-time) clock would have months of boundaries to record first.
      startDate: new Date(app.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10),
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ana],
    });
  });

  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('creates a subscription and shows its Standard Webhooks secret once', async () => {
    const created = (
      await app.ok(CREATE, {
        input: {
          name: 'Ticketing bridge',
          url: `${receiver.url}/hooks`,
          eventKinds: ['ESCALATION_RAISED', 'ESCALATION_ACKNOWLEDGED', 'RAPID_ACTION_UPDATE'],
        },
      })
    ).createWebhookSubscription;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.subscription).toMatchObject({ name: 'Ticketing bridge', createdBy: { id: 'test-admin' } });
    subscriptionId = created.subscription.id;
    secret = created.secret;
    expect((await app.ok(SUBSCRIPTIONS)).webhookSubscriptions).toEqual({
      totalCount: 1,
      nodes: [{ id: subscriptionId, name: 'Ticketing bridge' }],
    });
    const [event] = (await app.store.readAll()).filter((e) => e.type === 'WebhookSubscriptionCreated');
    expect(event.metadata.actor).toBe('test-admin');
    expect(JSON.stringify(event.data)).not.toContain(secret.slice(6));
    const schema = await app.gql(`{ webhookSubscription(id: "${subscriptionId}") { secret } }`);
    expect(schema.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lets admins alone read subscriptions', async () => {
    for (const role of ['manager', 'responder', 'viewer', 'integration'] as const) {
      const client = await app.as(role);
      expect((await client.gql(SUBSCRIPTIONS)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const one = await client.gql(SUBSCRIPTION, { id: subscriptionId });
      expect(one.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('refuses URLs it must not call and empty kinds as BAD_USER_INPUT, appending nothing', async () => {
    const before = await app.store.headPosition();
    for (const [url, field, message] of [
      ['ftp://files.example.com/hook', 'url', /http or https/],
      ['http://169.254.169.254/latest/meta-data', 'url', /link-local/],
      ['http://[fe80::1]/hook', 'url', /link-local/],
      ['http://0.0.0.0:8080/', 'url', /unspecified/],
      ['not a url', 'url', /absolute URL/],
      ['http://no-such-host.invalid/hook', 'url', /resolves/],
    ] as const) {
      const response = await app.gql(CREATE, { input: { name: 'x', url, eventKinds: ['HANDOVER'] } });
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
      expect(response.errors?.[0].message).toMatch(message);
    }
    const empty = await app.gql(CREATE, { input: { name: 'x', url: `${receiver.url}/`, eventKinds: [] } });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventKinds' });
    expect(await app.store.headPosition()).toBe(before);
  });

  it('posts signed escalation events, with the actor, that the standardwebhooks verifier accepts', async () => {
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'API error rate up',
      rotationId,
    });
    await receiver.received(1);
    const first = verify(secret, receiver.requests[0]);
    expect(first).toMatchObject({
      type: 'escalation.raised',
      data: { escalationId: raised.id, title: 'API error rate up', severity: 'S2', actor: expect.any(String) },
    });
    expect(() => verify('whsec_' + Buffer.alloc(32, 1).toString('base64'), receiver.requests[0])).toThrow();

    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('ana'));
    await receiver.received(2);
    const second = verify(secret, receiver.requests[1]);
    expect(second).toMatchObject({
      type: 'escalation.acknowledged',
      data: { pageId: raised.pages.nodes[0].id, actor: ana },
    });

    const listed = await deliveries();
    expect(listed.totalCount).toBe(2);
    for (const delivery of listed.nodes) {
      expect(delivery).toMatchObject({ state: 'DELIVERED', attempts: 1, lastStatusCode: 204, nextAttemptAt: null });
      expect(delivery.id).toBe(deterministicId(delivery.sourceEventId, subscriptionId));
    }
    expect(receiver.requests.map((r) => r.headers['webhook-id']).sort()).toEqual(
      listed.nodes.map((d: any) => d.id).sort(),
    );
  });

  it('sends updates of public rapid actions only', async () => {
    const bo = await registerResponder(app, { handle: 'bo', name: 'Bo', timeZone: 'Europe/Berlin' });
    const secretAction = await declare(app, bo, { driId: bo, confidential: true, title: 'Acquisition data room' });
    const publicAction = await declare(app, bo, { driId: bo, title: 'Search latency' });
    const sent = receiver.requests.length;
    for (const action of [secretAction, publicAction]) {
      await app.ok(
        POST_UPDATE,
        {
          input: {
            rapidActionId: action.id,
            progressSinceLastUpdate: 'Rolled back the migration',
            progressExpectedByNextUpdate: 'A tested fix on staging',
          },
        },
        asResponder(bo),
      );
    }
    await receiver.received(sent + 1);
    await app.app.get((await import('@app/event-store')).DueTaskScheduler).runDue();
    const bodies = receiver.requests.slice(sent).map((r) => verify(secret, r));
    expect(bodies.map((b) => [b.type, b.data.rapidActionId])).toEqual([
      ['rapid_action.update_posted', publicAction.id],
    ]);
    expect(receiver.requests.some((r) => r.body.includes('Acquisition'))).toBe(false);
  });

  it('retries a failing receiver with backoff, under the same webhook-id, each attempt an event', async () => {
    receiver.answerWith(() => ({ status: 503, body: 'down for maintenance' }));
    const sent = receiver.requests.length;
    await raise(app, { source: 'INFRASTRUCTURE', severity: 'S3', title: 'Disk filling up', rotationId });
    await receiver.received(sent + 1);
    await app.app.get((await import('@app/event-store')).DueTaskScheduler).runDue();
    const [pending] = (await deliveries('PENDING')).nodes;
    expect(pending).toMatchObject({ attempts: 1, lastStatusCode: 503, lastError: expect.stringMatching(/503: down/) });
    const retryIn = new Date(pending.nextAttemptAt).getTime() - app.clock.now().getTime();
    expect(retryIn).toBeGreaterThanOrEqual(15_000);
    expect(retryIn).toBeLessThanOrEqual(30_000);

    await app.advanceClock(new Date(new Date(pending.nextAttemptAt).getTime() - 1000));
    expect(receiver.requests).toHaveLength(sent + 1);
    receiver.answerWith(() => ({ status: 200 }));
    await app.advanceClock(pending.nextAttemptAt);
    expect(receiver.requests).toHaveLength(sent + 2);
    const [firstTry, secondTry] = receiver.requests.slice(sent);
    expect(secondTry.headers['webhook-id']).toBe(firstTry.headers['webhook-id']);
    expect(verify(secret, secondTry).type).toBe('escalation.raised');
    const delivered = (await deliveries()).nodes.find((d: any) => d.id === pending.id);
    expect(delivered).toMatchObject({ state: 'DELIVERED', attempts: 2, lastStatusCode: 200, lastError: null });
    const attempts = (await app.store.readStream(`webhook-delivery-${pending.id}`)).map((e) => [
      e.type,
      e.data.attempt,
    ]);
    expect(attempts).toEqual([
      ['WebhookDeliveryClaimed', 1],
      ['WebhookDeliveryAttempted', 1],
      ['WebhookDeliveryClaimed', 2],
      ['WebhookDeliveryAttempted', 2],
    ]);
  });

  it('marks a delivery failed at once when the receiver refuses it', async () => {
    receiver.answerWith(() => ({ status: 400, body: 'unknown event' }));
    const sent = receiver.requests.length;
    await raise(app, { source: 'INFRASTRUCTURE', severity: 'S4', title: 'Typo on the status page', rotationId });
    await receiver.received(sent + 1);
    await app.app.get((await import('@app/event-store')).DueTaskScheduler).runDue();
    const [failed] = (await deliveries('FAILED')).nodes;
    expect(failed).toMatchObject({ attempts: 1, lastStatusCode: 400, nextAttemptAt: null });
    await app.advanceClock(new Date(app.clock.now().getTime() + 3_600_000));
    expect(receiver.requests).toHaveLength(sent + 1);
  });

  it('gives up after six attempts at a receiver that keeps failing', async () => {
    receiver.answerWith(() => ({ status: 500 }));
    const sent = receiver.requests.length;
    await raise(app, { source: 'INFRASTRUCTURE', severity: 'S4', title: 'Flaky receiver', rotationId });
    await receiver.received(sent + 1);
    await app.app.get((await import('@app/event-store')).DueTaskScheduler).runDue();
    let [pending] = (await deliveries('PENDING')).nodes;
    const gaps: number[] = [];
    while (pending) {
      gaps.push(new Date(pending.nextAttemptAt).getTime() - app.clock.now().getTime());
      await app.advanceClock(pending.nextAttemptAt);
      [pending] = (await deliveries('PENDING')).nodes;
    }
    expect(receiver.requests).toHaveLength(sent + 6);
    expect(gaps).toHaveLength(5);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(15_000 * 2 ** i));
    const failed = (await deliveries('FAILED')).nodes.find((d: any) => d.attempts === 6);
    expect(failed).toMatchObject({ lastStatusCode: 500, nextAttemptAt: null });
    receiver.answerWith(() => ({ status: 204 }));
  });

  it('stops sending once the subscription is deleted', async () => {
    expect((await app.ok(DELETE, { id: subscriptionId })).deleteWebhookSubscription.id).toBe(subscriptionId);
    const sent = receiver.requests.length;
    await raise(app, { source: 'INFRASTRUCTURE', severity: 'S3', title: 'After the deletion', rotationId });
    await app.app.get((await import('@app/event-store')).DueTaskScheduler).runDue();
    expect(receiver.requests).toHaveLength(sent);
    expect((await app.ok(SUBSCRIPTIONS)).webhookSubscriptions.totalCount).toBe(0);
    const again = await app.gql(DELETE, { id: subscriptionId });
    expect(again.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const [event] = (await app.store.readAll()).filter((e) => e.type === 'WebhookSubscriptionDeleted');
    expect(event.data).toMatchObject({ subscriptionId, deletedBy: 'test-admin' });
  });
});

describe('Outbound webhook subscriptions without WEBHOOK_ALLOW_PRIVATE_ADDRESSES', () => {
  it('refuses loopback and private addresses, by IP or by a name that resolves to one', async () => {
    const app = await startTestApp({ overrides: [{ provide: NOTIFICATION_SECRET, useValue: SECRET }] });
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://10.0.0.7/hook',
      'https://192.168.1.20/',
    ]) {
      const response = await app.gql(CREATE, { input: { name: 'x', url, eventKinds: ['HANDOVER'] } });
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'url' } });
    }
    expect((await app.store.readAll()).filter((e) => e.type === 'WebhookSubscriptionCreated')).toHaveLength(0);
    await app.close();
  });
});
