import { Webhook } from 'standardwebhooks';
import { ManualClock } from '@app/core';
import { NotificationKeys, OUTBOUND_HTTP_OPTIONS } from '@app/notifications';
import { LocalReceiver, type ReceivedRequest } from '../../libs/notifications/src/testing/local-receiver.js';
import { as, raise } from '../support/escalations.fixtures.js';
import {
  ADD_CONTACT_METHOD,
  RESPONDER_REACH,
  runDue,
  VERIFY_CONTACT_METHOD,
} from '../support/notifications.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface SignedMessage {
  type: string;
  timestamp: string;
  data: Record<string, any>;
}

describe('webhook contact methods: verified by a signed VERIFICATION message the receiver accepts', () => {
  let app: TestApp;
  let receiver: LocalReceiver;
  let ana: string;
  let rotationId: string;
  /** The secret addContactMethod showed: the receiver checks every request with it, as a real one would. */
  let signingSecret = '';
  let status = 500;
  const accepted: Array<{ request: ReceivedRequest; message: SignedMessage }> = [];
  const refused: ReceivedRequest[] = [];

  const verify = (request: ReceivedRequest) =>
    new Webhook(signingSecret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as SignedMessage;

  beforeAll(async () => {
    receiver = await LocalReceiver.start((request) => {
      let message: SignedMessage;
      try {
        message = verify(request);
      } catch {
        refused.push(request);
        return { status: 401 };
      }
      accepted.push({ request, message });
      return { status };
    });
    // Standard Webhooks receivers check the timestamp against their own clock: the test clock starts at real time.
    app = await startTestApp({
      clock: new ManualClock(new Date()),
      overrides: [{ provide: OUTBOUND_HTTP_OPTIONS, useValue: { allowPrivateAddresses: true, timeoutMs: 5000 } }],
      notifications: { retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 } },
    });
    ana = await registerResponder(app, { handle: 'ana', name: 'Ana' });
    rotationId = await createRotation(app, {
      name: 'Support',
      startDate: new Date(app.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10),
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ana],
    });
  });

  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('shows the signing secret once, stays unverified while the receiver fails, and verifies on a 2xx', async () => {
    const address = `${receiver.url}/pager`;
    const added = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: ana, kind: 'WEBHOOK', address } },
      as('ana'),
    );
    const { id, verified } = added.addContactMethod;
    signingSecret = added.addContactMethod.signingSecret;
    expect(verified).toBe(false);
    expect(signingSecret).toMatch(/^whsec_/);
    expect(signingSecret).toBe(app.app.get(NotificationKeys).webhookSecret(id));

    // The receiver answers 500: the message was signed and received, but the method is not verified.
    await runDue(app);
    expect(refused).toHaveLength(0);
    expect(accepted).toHaveLength(1);
    const [first] = accepted;
    expect(first.message).toMatchObject({
      type: 'notification.verification',
      data: { type: 'verification', contactMethodId: id, responderId: ana },
    });
    expect(first.message.data.text).not.toMatch(/\d{6}/);
    expect(first.request.headers['content-type']).toBe('application/json');
    const reach = await app.ok(RESPONDER_REACH, { id: ana }, as('ana'));
    expect(reach.responder).toMatchObject({ reachable: false, contactMethods: [{ id, verified: false }] });
    const all = await app.store.readAll();
    const failure = all.find((e) => e.type === 'NotificationAttemptFailed' && e.data.contactMethodId === id)!;
    expect(failure.data).toMatchObject({ attempt: 1, retryable: true, error: expect.stringMatching(/500/) });
    expect(first.request.headers['webhook-id']).toBe(failure.data.deliveryId);
    expect(all.some((e) => e.type === 'ContactMethodVerified')).toBe(false);

    // The code such a message would carry for other kinds does not verify a webhook, and is not counted.
    const issued = (await app.store.readStream(`contact-method-${id}`)).find(
      (e) => e.type === 'ContactMethodVerificationIssued',
    )!;
    const code = app.app.get(NotificationKeys).verificationCode(String(issued.data.verificationId));
    const byCode = await app.gql(VERIFY_CONTACT_METHOD, { input: { contactMethodId: id, code } }, as('ana'));
    expect(byCode.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/2xx/),
      extensions: { code: 'BAD_USER_INPUT', field: 'code' },
    });
    expect((await app.store.readStream(`contact-method-${id}`)).map((e) => e.type)).toEqual([
      'ContactMethodAdded',
      'ContactMethodVerificationIssued',
    ]);

    // Nothing more before the retry is due; then the receiver accepts it and the method is verified.
    await runDue(app);
    expect(accepted).toHaveLength(1);
    status = 204;
    await app.advanceClock(failure.data.retryAt as string);
    expect(accepted).toHaveLength(2);
    expect(accepted[1].request.headers['webhook-id']).toBe(failure.data.deliveryId);
    expect(accepted[1].message.type).toBe('notification.verification');
    const after = await app.ok(RESPONDER_REACH, { id: ana }, as('ana'));
    expect(after.responder).toMatchObject({
      reachable: true,
      contactMethods: [{ id, kind: 'WEBHOOK', address, verified: true }],
    });
    const events = await app.store.readStream(`contact-method-${id}`);
    expect(events.at(-1)).toMatchObject({ type: 'ContactMethodVerified', data: { via: 'WEBHOOK_DELIVERY' } });
    const stored = (await app.store.readAll()).map((e) => [e.data, e.metadata]);
    expect(JSON.stringify(stored)).not.toContain(signingSecret);
    expect(JSON.stringify(after)).not.toContain(signingSecret);
  });

  it('delivers a page to the verified webhook signed with the same secret, webhook-id = the delivery id', async () => {
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'API error rate up',
      rotationId,
    });
    const pageId = raised.pages.nodes[0].id as string;
    await runDue(app);
    expect(refused).toHaveLength(0);
    const page = accepted.find((a) => a.message.type === 'notification.page')!;
    expect(page.message.data).toMatchObject({ pageId, escalationId: raised.id, responderId: ana });
    expect(page.message.data.actions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['ACKNOWLEDGE', 'RESOLVE']),
    );
    const delivered = (await app.store.readAll()).find(
      (e) => e.type === 'NotificationDelivered' && e.data.pageId === pageId && e.data.channel === 'WEBHOOK',
    )!;
    expect(page.request.headers['webhook-id']).toBe(delivered.data.deliveryId);
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another-secret-entirely').toString('base64')}`).verify(page.request.body, {
        'webhook-id': String(page.request.headers['webhook-id']),
        'webhook-timestamp': String(page.request.headers['webhook-timestamp']),
        'webhook-signature': String(page.request.headers['webhook-signature']),
      }),
    ).toThrow();
  });

  it('refuses an address the webhook channel refuses, appending nothing', async () => {
    const before = await app.store.headPosition();
    const refusedAddress = await app.gql(
      ADD_CONTACT_METHOD,
      { input: { responderId: ana, kind: 'WEBHOOK', address: 'http://169.254.169.254/latest/meta-data' } },
      as('ana'),
    );
    expect(refusedAddress.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^A webhook URL /),
      extensions: { code: 'BAD_USER_INPUT', field: 'address' },
    });
    const notAUrl = await app.gql(
      ADD_CONTACT_METHOD,
      { input: { responderId: ana, kind: 'WEBHOOK', address: 'hooks.example.com/pager' } },
      as('ana'),
    );
    expect(notAUrl.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'address' });
    expect(await app.store.headPosition()).toBe(before);
  });
});
