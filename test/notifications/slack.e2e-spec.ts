import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DueTaskScheduler, ProjectionRunner } from '@app/event-store';
import { NOTIFICATION_SECRET, SLACK_OPTIONS, SLACK_USER_DIRECTORY, type SlackUserDirectory } from '@app/notifications';
import { LocalSlackApi } from '../../libs/notifications/src/testing/local-receiver.js';
import { as, escalation, raise } from '../support/escalations.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SIGNING_SECRET = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const ANA_SLACK = 'U0ANA00001';
const BO_SLACK = 'U0BO000002';

/** TEST-ONLY binding of SLACK_USER_DIRECTORY: Slack users linked by the test (the contact methods do it for real). */
class MapSlackUserDirectory implements SlackUserDirectory {
  readonly links = new Map<string, string>();
  responderForSlackUser(slackUserId: string) {
    return this.links.get(slackUserId);
  }
}

describe('Slack: page messages with buttons, signed interactions, message updates', () => {
  let app: TestApp;
  let slack: LocalSlackApi;
  const directory = new MapSlackUserDirectory();
  let ana: string;
  let pageId: string;
  let escalationId: string;

  const blockActions = (user: string, actionId: string, value: string) =>
    `payload=${encodeURIComponent(
      JSON.stringify({
        type: 'block_actions',
        user: { id: user },
        channel: { id: 'D0ANA00001' },
        container: { type: 'message', message_ts: '1700000000.000001' },
        actions: [{ type: 'button', action_id: actionId, value, block_id: 'page-actions' }],
        response_url: 'https://hooks.slack.com/actions/T0/1/abc',
      }),
    )}`;

  /** Signed as Slack documents it ("Verifying requests from Slack"): v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}")). */
  const slackSignature = (secret: string, timestamp: string, body: string) =>
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

  const post = (body: string, options: { secret?: string; timestamp?: number } = {}) => {
    const timestamp = String(options.timestamp ?? Math.floor(app.clock.now().getTime() / 1000));
    return request(app.server)
      .post('/integrations/slack/interactions')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('x-slack-request-timestamp', timestamp)
      .set('x-slack-signature', slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body))
      .send(body);
  };

  /** What the core's delivery pipeline records once chat.postMessage succeeded, appended here as it would. */
  const delivered = async (n: number, externalId: string) => {
    const { position } = await app.store.append(
      `notification-delivery-test-${n}`,
      [
        {
          id: randomUUID(),
          type: 'NotificationDelivered',
          data: {
            deliveryId: `delivery-${n}`,
            responderId: ana,
            contactMethodId: `cm-${n}`,
            channel: 'SLACK',
            address: externalId.split(':')[0],
            pageId,
            escalationId,
            messageKind: 'PAGE',
            externalId,
            attempt: 1,
            at: app.clock.now().toISOString(),
          },
          metadata: {
            actor: 'system',
            correlationId: 'test',
            causationId: null,
            occurredAt: app.clock.now().toISOString(),
            schemaVersion: 1,
          },
        },
      ],
      'no_stream',
    );
    await app.app.get(ProjectionRunner).waitFor(position);
  };

  const acknowledgements = async () =>
    (await app.store.readStream(`escalation-${escalationId}`)).filter((e) => e.type === 'PageAcknowledged');

  beforeAll(async () => {
    slack = await LocalSlackApi.start();
    app = await startTestApp({
      overrides: [
        {
          provide: SLACK_OPTIONS,
          useValue: { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, timeoutMs: 2000 },
        },
        { provide: SLACK_USER_DIRECTORY, useValue: directory },
        { provide: NOTIFICATION_SECRET, useValue: 'a-fixed-test-notification-secret-0123456789' },
      ],
    });
    ana = await registerResponder(app, { handle: 'ana', name: 'Ana' });
    const bo = await registerResponder(app, { handle: 'bo', name: 'Bo' });
    const rotationId = await createRotation(app, {
      name: 'Support',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ana],
    });
    directory.links.set(ANA_SLACK, ana);
    directory.links.set(BO_SLACK, bo);
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'API error rate up',
      rotationId,
    });
    escalationId = raised.id;
    pageId = raised.pages[0].id;
    expect(raised.pages[0].recipients).toEqual([{ handle: 'ana' }]);
  });

  afterAll(async () => {
    await app.close();
    await slack.close();
  });

  it('refuses a bad signature, an old timestamp and an unsigned request with 401, and appends nothing', async () => {
    const body = blockActions(ANA_SLACK, 'ack', pageId);
    const forged = await post(body, { secret: 'not-the-signing-secret-at-all-00' });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatch(/signature/);
    const old = await post(body, { timestamp: Math.floor(app.clock.now().getTime() / 1000) - 301 });
    expect(old.status).toBe(401);
    expect(old.body.error).toMatch(/5 minutes/);
    const unsigned = await request(app.server)
      .post('/integrations/slack/interactions')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(body);
    expect(unsigned.status).toBe(401);
    const tampered = await request(app.server)
      .post('/integrations/slack/interactions')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('x-slack-request-timestamp', String(Math.floor(app.clock.now().getTime() / 1000)))
      .set(
        'x-slack-signature',
        slackSignature(SIGNING_SECRET, String(Math.floor(app.clock.now().getTime() / 1000)), body),
      )
      .send(blockActions(BO_SLACK, 'ack', pageId));
    expect(tampered.status).toBe(401);
    expect(await acknowledgements()).toHaveLength(0);
    expect(slack.calls('chat.postEphemeral')).toHaveLength(0);
  });

  it('answers hostile or odd bodies with a 4xx or an empty 200, never a 500, appending nothing', async () => {
    const before = await app.store.headPosition();
    for (const body of [
      '',
      'payload=',
      'payload=%7Bnot%20json',
      'payload=%5B1%2C2%5D',
      'payload=null',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission' }))}`,
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'ack' }] }))}`,
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: ANA_SLACK }, actions: [{ action_id: 'drop-table', value: pageId }] }))}`,
      '%%%%',
    ]) {
      const response = await post(body);
      expect([200, 400]).toContain(response.status);
    }
    const json = await request(app.server)
      .post('/integrations/slack/interactions')
      .set('content-type', 'application/json')
      .send({ payload: '{}' });
    expect(json.status).toBe(401);
    const huge = await post(`payload=${'a'.repeat(1_100_000)}`);
    expect(huge.status).toBe(413);
    expect(await app.store.headPosition()).toBe(before);
  });

  it('tells a clicker who may not answer the page why, in an ephemeral message, with a 200', async () => {
    const stranger = await post(blockActions('U0NOBODY01', 'ack', pageId));
    expect(stranger.status).toBe(200);
    expect(stranger.body.text).toMatch(/not a verified contact method/);
    const notPaged = await post(blockActions(BO_SLACK, 'ack', pageId));
    expect(notPaged.status).toBe(200);
    expect(notPaged.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(notPaged.body.text).toMatch(/Only the responders paged/);
    expect(JSON.stringify(notPaged.body)).not.toMatch(/at .*\.ts:\d+/);
    const unknownPage = await post(blockActions(ANA_SLACK, 'ack', randomUUID()));
    expect(unknownPage.status).toBe(200);
    expect(unknownPage.body.text).toMatch(/not found/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.calls('chat.postEphemeral').map((c) => c.args.user)).toEqual(['U0NOBODY01', BO_SLACK, ANA_SLACK]);
    expect(slack.calls('chat.postEphemeral')[0].token).toBe('Bearer xoxb-test');
    expect(await acknowledgements()).toHaveLength(0);
  });

  it('acknowledges the page as the linked responder and updates every Slack message sent for it', async () => {
    await delivered(1, 'D0ANA00001:1700000000.000001');
    await delivered(2, 'C0ONCALL01:1700000000.000002');
    const clicked = await post(blockActions(ANA_SLACK, 'ack', pageId));
    expect(clicked.status).toBe(200);
    const [ack] = await acknowledgements();
    expect(ack.data).toMatchObject({ pageId, responderId: ana });
    expect(ack.metadata.actor).toBe(ana);
    const page = (await escalation(app, escalationId)).pages[0];
    expect(page).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: { handle: 'ana' } });

    await app.app.get(DueTaskScheduler).runDue();
    const updates = slack.calls('chat.update');
    expect(updates.map((u) => `${u.args.channel}:${u.args.ts}`).sort()).toEqual([
      'C0ONCALL01:1700000000.000002',
      'D0ANA00001:1700000000.000001',
    ]);
    expect(updates[0].token).toBe('Bearer xoxb-test');
    expect(updates[0].args.text).toMatch(/\[S2\] API error rate up: :eyes: Acknowledged by Ana/);
    expect(updates[0].args.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);

    // Recorded once: running the due steps again (a restart, a second instance) updates nothing more.
    await app.app.get(DueTaskScheduler).runDue();
    expect(slack.calls('chat.update')).toHaveLength(2);
    const recorded = (await app.store.readAll()).filter((e) => e.type === 'SlackMessageUpdated');
    expect(recorded).toHaveLength(2);

    // Resolving from Slack updates the messages again.
    expect((await post(blockActions(ANA_SLACK, 'resolve', pageId))).status).toBe(200);
    await app.app.get(DueTaskScheduler).runDue();
    expect(
      slack
        .calls('chat.update')
        .slice(2)
        .map((u) => u.args.text),
    ).toEqual([expect.stringMatching(/Resolved by Ana/), expect.stringMatching(/Resolved by Ana/)]);
  });

  it('updates a message delivered after the page was answered, and retries a failed update later', async () => {
    const before = slack.calls('chat.update').length;
    slack.failNext('chat.update', 'internal_error');
    await delivered(3, 'C0LATE0001:1700000000.000009');
    await app.app.get(DueTaskScheduler).runDue();
    const [failure] = (await app.store.readAll()).filter((e) => e.type === 'SlackMessageUpdateFailed');
    expect(failure.data).toMatchObject({
      externalId: 'C0LATE0001:1700000000.000009',
      attempt: 1,
      error: /internal_error/,
    });
    expect(slack.calls('chat.update')).toHaveLength(before + 1);

    await app.advanceClock(failure.data.retryAt as string);
    const updates = slack.calls('chat.update').slice(before);
    expect(updates).toHaveLength(2);
    expect(updates[1].args).toMatchObject({ channel: 'C0LATE0001', ts: '1700000000.000009' });
    expect(updates[1].args.text).toMatch(/Resolved by Ana/);
  });
});
