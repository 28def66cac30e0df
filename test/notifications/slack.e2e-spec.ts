import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DueTaskScheduler } from '@app/event-store';
import { NOTIFICATION_SECRET, SLACK_OPTIONS } from '@app/notifications';
import { SlackPageMessagesProjection } from '../../libs/notifications/src/slack/message-updates/slack-page-messages.projection.js';
import { LocalSlackApi } from '../../libs/notifications/src/testing/local-receiver.js';
import { as, escalation, raise } from '../support/escalations.fixtures.js';
import { ADD_CONTACT_METHOD, runDue, VERIFY_CONTACT_METHOD } from '../support/notifications.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SIGNING_SECRET = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const ANA_SLACK = 'U0ANA00001';
const BO_SLACK = 'U0BO000002';
const ONCALL_CHANNEL = 'C0ONCALL01';

describe('Slack: page messages with buttons, signed interactions, message updates', () => {
  let app: TestApp;
  let slack: LocalSlackApi;
  let ana: string;
  let rotationId: string;
  let pageId: string;
  let escalationId: string;

  const blockActions = (
    user: string,
    actionId: string,
    value: string,
    message: { channel: string; ts: string } = { channel: 'D0ANA00001', ts: '1700000000.000001' },
  ) =>
    `payload=${encodeURIComponent(
      JSON.stringify({
        type: 'block_actions',
        user: { id: user },
        channel: { id: message.channel },
        container: { type: 'message', message_ts: message.ts },
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

  /** The messages chat.postMessage carried to one Slack user or channel, in order. */
  const postedTo = (channel: string) => slack.calls('chat.postMessage').filter((c) => c.args.channel === channel);

  /** Links a Slack user or channel as a user does: adds the method, reads the code Slack shows, enters it. */
  const linkSlack = async (handle: string, responderId: string, address: string) => {
    const added = await app.ok(ADD_CONTACT_METHOD, { input: { responderId, kind: 'SLACK', address } }, as(handle));
    expect(added.addContactMethod).toMatchObject({ kind: 'SLACK', address, verified: false, signingSecret: null });
    await runDue(app);
    const verification = postedTo(address).at(-1);
    expect(verification?.token).toBe('Bearer xoxb-test');
    const code = /code is (\d{6})/.exec(String(verification?.args.text))?.[1];
    if (!code) throw new Error(`No verification code reached ${address}`);
    const verified = await app.ok(
      VERIFY_CONTACT_METHOD,
      { input: { contactMethodId: added.addContactMethod.id, code } },
      as(handle),
    );
    expect(verified.verifyContactMethod.verified).toBe(true);
  };

  /** The page message's reference as Slack gave it back (channel and ts of the chat.postMessage answer). */
  const pageMessagesOf = async (page: string) =>
    (await app.store.readAll())
      .filter((e) => e.type === 'NotificationDelivered' && e.data.pageId === page && e.data.channel === 'SLACK')
      .map((e) => String(e.data.externalId));

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
        { provide: NOTIFICATION_SECRET, useValue: 'a-fixed-test-notification-secret-0123456789' },
      ],
    });
    ana = await registerResponder(app, { handle: 'ana', name: 'Ana' });
    const bo = await registerResponder(app, { handle: 'bo', name: 'Bo' });
    rotationId = await createRotation(app, {
      name: 'Support',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ana],
    });
    await linkSlack('ana', ana, ANA_SLACK);
    await linkSlack('ana', ana, ONCALL_CHANNEL);
    await linkSlack('bo', bo, BO_SLACK);
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'API error rate up',
      rotationId,
    });
    escalationId = raised.id;
    pageId = raised.pages.nodes[0].id;
    expect(raised.pages.nodes[0].recipients).toEqual([{ handle: 'ana' }]);
  });

  it('links Slack users only with the code Slack showed them, and refuses a wrong one', async () => {
    const someone = await registerResponder(app, { handle: 'cy', name: 'Cy' });
    const added = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: someone, kind: 'SLACK', address: 'U0CY000003' } },
      as('cy'),
    );
    await runDue(app);
    const [verification] = postedTo('U0CY000003');
    expect(verification.args.text).toMatch(/verification code is \d{6}/);
    const code = /code is (\d{6})/.exec(verification.args.text)![1];
    const wrong = await app.gql(
      VERIFY_CONTACT_METHOD,
      { input: { contactMethodId: added.addContactMethod.id, code: code === '000000' ? '111111' : '000000' } },
      as('cy'),
    );
    expect(wrong.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].extensions.field).toBe('code');
  });

  it('sends the page to every verified Slack method of the paged responder, with Acknowledge and Resolve buttons', async () => {
    await runDue(app);
    for (const channel of [ANA_SLACK, ONCALL_CHANNEL]) {
      const page = postedTo(channel).at(-1)!;
      expect(page.token).toBe('Bearer xoxb-test');
      expect(page.args.text).toMatch(/\[S2\] API error rate up/);
      const actions = page.args.blocks.find((b: { type: string }) => b.type === 'actions');
      expect(
        actions.elements
          .filter((e: { value?: string }) => e.value === pageId)
          .map((e: { action_id: string }) => e.action_id),
      ).toEqual(['ack', 'resolve']);
    }
    expect(postedTo(BO_SLACK)).toHaveLength(1);
    expect((await pageMessagesOf(pageId)).sort()).toEqual([
      expect.stringMatching(/^C0ONCALL01:1700000000\.\d{6}$/),
      expect.stringMatching(/^D0ANA00001:1700000000\.\d{6}$/),
    ]);
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
    const messages = (await pageMessagesOf(pageId)).sort();
    expect(messages).toHaveLength(2);
    const dm = messages.find((m) => m.startsWith('D'))!;
    const [channel, ts] = dm.split(':');
    const clicked = await post(blockActions(ANA_SLACK, 'ack', pageId, { channel, ts }));
    expect(clicked.status).toBe(200);
    const [ack] = await acknowledgements();
    expect(ack.data).toMatchObject({ pageId, responderId: ana });
    expect(ack.metadata.actor).toBe(ana);
    const page = (await escalation(app, escalationId)).pages.nodes[0];
    expect(page).toMatchObject({ state: 'ACKNOWLEDGED', acknowledgedBy: { handle: 'ana' } });

    await app.app.get(DueTaskScheduler).runDue();
    const updates = slack.calls('chat.update');
    expect(updates.map((u) => `${u.args.channel}:${u.args.ts}`).sort()).toEqual(messages);
    expect(updates[0].token).toBe('Bearer xoxb-test');
    expect(updates[0].args.text).toMatch(/\[S2\] API error rate up: :eyes: Acknowledged by Ana/);
    expect(updates[0].args.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);

    // Recorded once: running the due steps again (a restart, a second instance) updates nothing more.
    await app.app.get(DueTaskScheduler).runDue();
    expect(slack.calls('chat.update')).toHaveLength(2);
    const recorded = (await app.store.readAll()).filter((e) => e.type === 'SlackMessageUpdated');
    expect(recorded).toHaveLength(2);

    // Resolving from Slack updates the messages again.
    expect((await post(blockActions(ANA_SLACK, 'resolve', pageId, { channel, ts }))).status).toBe(200);
    await app.app.get(DueTaskScheduler).runDue();
    expect(
      slack
        .calls('chat.update')
        .slice(2)
        .map((u) => u.args.text),
    ).toEqual([expect.stringMatching(/Resolved by Ana/), expect.stringMatching(/Resolved by Ana/)]);
  });

  it('updates a message whose send finished after the page was answered, and retries a failed update later', async () => {
    const raised = await raise(app, { source: 'INFRASTRUCTURE', severity: 'S3', title: 'Queue lag', rotationId });
    const latePage = raised.pages.nodes[0].id as string;
    const before = slack.calls('chat.update').length;
    // The first page message is still on its way to Slack when Ana acknowledges from the other one.
    const held = slack.holdNext('chat.postMessage');
    const sending = runDue(app);
    await held.arrived;
    const clicked = await post(blockActions(ANA_SLACK, 'ack', latePage));
    expect(clicked.status).toBe(200);
    expect((await escalation(app, raised.id)).pages.nodes[0].state).toBe('ACKNOWLEDGED');
    held.release();
    await sending;
    const messages = await pageMessagesOf(latePage);
    expect(messages.length).toBeGreaterThanOrEqual(1);
    const all = await app.store.readAll();
    const acknowledged = all.findIndex((e) => e.type === 'PageAcknowledged' && e.data.pageId === latePage);
    const delivered = all.findIndex((e) => e.type === 'NotificationDelivered' && e.data.pageId === latePage);
    expect(acknowledged).toBeGreaterThan(-1);
    expect(delivered).toBeGreaterThan(acknowledged);

    slack.failNext('chat.update', 'internal_error');
    await app.app.get(DueTaskScheduler).runDue();
    const [failure] = (await app.store.readAll()).filter((e) => e.type === 'SlackMessageUpdateFailed');
    expect(failure.data).toMatchObject({ attempt: 1, error: expect.stringMatching(/internal_error/) });
    expect(messages).toContain(failure.data.externalId);
    expect(slack.calls('chat.update')).toHaveLength(before + messages.length);

    await app.advanceClock(failure.data.retryAt as string);
    const updates = slack.calls('chat.update').slice(before);
    expect(updates).toHaveLength(messages.length + 1);
    const [channel, ts] = String(failure.data.externalId).split(':');
    expect(updates.at(-1)!.args).toMatchObject({ channel, ts });
    expect(updates.at(-1)!.args.text).toMatch(/\[S3\] Queue lag: .*Acknowledged by Ana/);
    expect(updates.map((u) => `${u.args.channel}:${u.args.ts}`).sort()).toEqual(
      [...messages, failure.data.externalId].sort(),
    );
  });

  it('rebuilds the Slack read models to the same messages and updates, and sends or updates nothing again', async () => {
    const posted = slack.calls('chat.postMessage').length;
    const updated = slack.calls('chat.update').length;
    const readModel = app.app.get(SlackPageMessagesProjection);
    const outcome = readModel.outcome(pageId);
    expect(outcome).toMatchObject({ kind: 'RESOLVED', responderId: ana });
    for (const name of ['notifications', 'slack-page-messages']) {
      const rebuilt = await app.ok(`mutation { rebuildProjection(name: "${name}") { state } }`);
      expect(rebuilt.rebuildProjection.state).toBe('running');
    }
    await runDue(app);
    await app.app.get(DueTaskScheduler).runDue();
    expect(slack.calls('chat.postMessage')).toHaveLength(posted);
    expect(slack.calls('chat.update')).toHaveLength(updated);
    expect(readModel.outcome(pageId)).toEqual(outcome);
    expect(readModel.due(new Date('2100-01-01T00:00:00Z'), 10)).toEqual([]);
  });
});
