import { ChannelError, NotificationKeys, type NotificationChannel, type OutboundMessage } from '@app/notifications';
import { as } from '../support/escalations.fixtures.js';
import { ADD_CONTACT_METHOD, RESPONDER_REACH, runDue } from '../support/notifications.fixtures.js';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The contract a WEBHOOK channel (built in the channels work) relies on: the signing secret shown
 * once by addContactMethod, and the method verified when its VERIFICATION message goes through
 * (a 2xx). The channel here is the test's own receiver, failing once like a receiver answering 503.
 */
class RecordingWebhookChannel implements NotificationChannel {
  readonly kind = 'WEBHOOK' as const;
  readonly received: Array<{ address: string; message: OutboundMessage }> = [];
  failuresLeft = 1;

  validateAddress(address: string): string | undefined {
    return /^https:\/\/\S+$/.test(address) ? undefined : 'A webhook URL starts with https://';
  }

  async send(address: string, message: OutboundMessage) {
    if (this.failuresLeft-- > 0) throw new ChannelError('503 Service Unavailable', true);
    this.received.push({ address, message });
    return {};
  }
}

describe('webhook contact methods: verified by a delivered VERIFICATION message', () => {
  const webhook = new RecordingWebhookChannel();
  let app: TestApp;
  let ana: string;

  beforeAll(async () => {
    app = await startTestApp({
      extraChannels: [webhook],
      notifications: { retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 } },
    });
    ana = await registerResponder(app, { handle: 'ana' });
  });

  afterAll(() => app.close());

  it('shows the signing secret once and verifies the method when the signed test message gets through', async () => {
    const added = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: ana, kind: 'WEBHOOK', address: 'https://hooks.example.com/pager' } },
      as('ana'),
    );
    const { id, signingSecret, verified } = added.addContactMethod;
    expect(verified).toBe(false);
    expect(signingSecret).toBe(app.app.get(NotificationKeys).webhookSecret(id));
    expect(signingSecret).toMatch(/^whsec_/);

    await runDue(app);
    expect(webhook.received).toHaveLength(0);
    expect((await app.ok(RESPONDER_REACH, { id: ana }, as('ana'))).responder.reachable).toBe(false);

    await app.advanceClock('2026-07-15T12:01:00Z');
    expect(webhook.received).toHaveLength(1);
    const [{ message }] = webhook.received;
    expect(message).toMatchObject({ kind: 'VERIFICATION', verificationCode: undefined, responderId: ana });
    const reach = await app.ok(RESPONDER_REACH, { id: ana }, as('ana'));
    expect(reach.responder).toMatchObject({
      reachable: true,
      contactMethods: [{ id, kind: 'WEBHOOK', address: 'https://hooks.example.com/pager', verified: true }],
    });
    const events = await app.store.readStream(`contact-method-${id}`);
    expect(events.at(-1)).toMatchObject({ type: 'ContactMethodVerified', data: { via: 'WEBHOOK_DELIVERY' } });
    const stored = (await app.store.readAll()).map((e) => [e.data, e.metadata]);
    expect(JSON.stringify(stored)).not.toContain(signingSecret);
  });

  it('refuses an address the channel refuses', async () => {
    const refused = await app.gql(
      ADD_CONTACT_METHOD,
      { input: { responderId: ana, kind: 'WEBHOOK', address: 'http://hooks.example.com' } },
      as('ana'),
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: 'A webhook URL starts with https://',
      extensions: { code: 'BAD_USER_INPUT', field: 'address' },
    });
  });
});
