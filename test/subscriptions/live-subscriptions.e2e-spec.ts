import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '@app/core';
import { CommittedEvents } from '@app/event-store';
import { LiveConnections } from '@app/identity';
import { ACKNOWLEDGE, as, raise } from '../support/escalations.fixtures.js';
import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { listen, liveClient, until, type LiveClient } from '../support/live-client.js';
import { as as asResponder, declare, POST_UPDATE, registerTeam } from '../support/rapid-actions.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ESCALATION_CHANGED = `subscription($id: ID) { escalationChanged(id: $id) {
  id state dri { handle } pages { nodes { id state acknowledgedBy { handle } } } } }`;
const RAPID_ACTION_UPDATED = `subscription($id: ID) { rapidActionUpdated(id: $id) {
  id title confidential latestUpdate { progressSinceLastUpdate } } }`;
const ON_CALL_CHANGED = `subscription($rotationId: ID) { onCallChanged(rotationId: $rotationId) {
  rotation { id } onCall { responder { handle } } } }`;

const SECRET = 'Export tokens readable by other tenants';

describe('GraphQL subscriptions over graphql-ws (the real app on a random port)', () => {
  let app: TestApp;
  let url: string;
  let listenersAtRest: number;
  let setup: DevelopmentSetup;
  let people: Record<'dana' | 'stella' | 'stranger', string>;
  const clients: LiveClient[] = [];
  const connect = (token?: string) => {
    const client = liveClient(app, url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    app = await startTestApp({ clock: new ManualClock('2026-07-15T09:00:00Z') });
    setup = await setUpDevelopmentEscalation(app);
    people = await registerTeam(app, { dana: 'America/New_York', stella: 'Europe/Berlin', stranger: 'Europe/Paris' });
    url = await listen(app);
    listenersAtRest = app.app.get(CommittedEvents).listenerCount;
  }, 60_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    const events = app.app.get(CommittedEvents);
    await until(() => events.listenerCount === listenersAtRest, 'closed subscriptions to stop listening');
  });

  afterAll(() => app.close());

  it('delivers escalationChanged when a page is acknowledged through the API, to one escalation and to the open list', async () => {
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      title: 'Queue latency creeping up',
      rotationId: setup.devRotation,
    });
    const client = connect(app.token);
    const one = await client.subscribe(ESCALATION_CHANGED, { id: raised.id });
    const all = await client.subscribe(ESCALATION_CHANGED, {});

    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('dev-a'));

    for (const subscription of [one, all]) {
      const { data, errors } = await subscription.next();
      expect(errors).toBeUndefined();
      expect(data!.escalationChanged).toMatchObject({
        id: raised.id,
        pages: {
          nodes: [{ id: raised.pages.nodes[0].id, state: 'ACKNOWLEDGED', acknowledgedBy: { handle: 'dev-a' } }],
        },
      });
    }
  });

  it('answers NOT_FOUND for an escalation that does not exist, and BAD_USER_INPUT for an id that is not one', async () => {
    const client = connect(app.token);
    const missing = await client.subscribe(ESCALATION_CHANGED, { id: '00000000-0000-4000-8000-000000000000' });
    expect((await missing.next()).errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    const malformed = await client.subscribe(ESCALATION_CHANGED, { id: 'nope' });
    expect((await malformed.next()).errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'id' } }]);
  });

  it('never delivers a confidential rapid action to a stranger, while its members receive it', async () => {
    const secret = await declare(app, people.stella, {
      title: SECRET,
      driId: people.dana,
      stakeholderIds: [people.stella],
      confidential: true,
    });
    const open = await declare(app, people.stella, { title: 'Search latency', driId: people.dana });
    const stranger = connect((await app.as('responder', people.stranger)).token);
    const member = connect((await app.as('responder', people.stella)).token);
    const strangersList = await stranger.subscribe(RAPID_ACTION_UPDATED, {});
    const membersList = await member.subscribe(RAPID_ACTION_UPDATED, {});
    const membersOne = await member.subscribe(RAPID_ACTION_UPDATED, { id: secret.id });

    const post = (rapidActionId: string, progress: string) =>
      app.ok(
        POST_UPDATE,
        { input: { rapidActionId, progressSinceLastUpdate: progress, progressExpectedByNextUpdate: 'More.' } },
        asResponder(people.dana),
      );
    await post(secret.id, 'Rotated every export token.');
    await post(open.id, 'Rolled back the index.');

    for (const subscription of [membersList, membersOne]) {
      expect((await subscription.next()).data!.rapidActionUpdated).toEqual({
        id: secret.id,
        title: SECRET,
        confidential: true,
        latestUpdate: { progressSinceLastUpdate: 'Rotated every export token.' },
      });
    }
    expect((await membersList.next()).data!.rapidActionUpdated.id).toBe(open.id);
    // the stranger's first delivery is the public action's change: the confidential one never came
    expect((await strangersList.next()).data!.rapidActionUpdated).toMatchObject({ id: open.id, confidential: false });
    expect(JSON.stringify(strangersList.results)).not.toContain(SECRET);

    const strangersOne = await stranger.subscribe(RAPID_ACTION_UPDATED, { id: secret.id });
    expect((await strangersOne.next()).errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
  });

  it('delivers who is on call when an override changes it, in the currentOnCall shape', async () => {
    const client = connect(app.token);
    const onCall = await client.subscribe(ON_CALL_CHANGED, { rotationId: setup.managerRotation });
    await app.ok(`mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`, {
      input: {
        rotationId: setup.managerRotation,
        responderId: setup.ids.director,
        start: '2026-07-15T10:00',
        end: '2026-07-15T20:00',
        timeZone: 'Europe/Berlin',
      },
    });
    expect((await onCall.next()).data!.onCallChanged).toEqual({
      rotation: { id: setup.managerRotation },
      onCall: [{ responder: { handle: 'director' } }],
    });
  });

  it('refuses a connection without a token, or with a bad one, with 4401 and the reason', async () => {
    expect(await connect().closed).toMatchObject({
      code: 4401,
      reason: expect.stringMatching(/^Sign in first: a bearer token/),
    });
    expect(await connect('not-a-token').closed).toMatchObject({ code: 4401 });
  });

  it('closes a connection with 4403 when its token is revoked', async () => {
    const issued = await app.ok(
      `mutation($s: String!) { issueApiToken(input: { subjectKind: RESPONDER, subject: $s, role: RESPONDER, label: "laptop", expiresInDays: 30 }) { token apiToken { id } } }`,
      { s: people.stella },
    );
    const client = connect(issued.issueApiToken.token);
    const subscription = await client.subscribe(ESCALATION_CHANGED, {});
    await app.ok(`mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "lost laptop") { revokedAt } }`, {
      t: issued.issueApiToken.apiToken.id,
    });
    expect(await client.closed).toEqual(expect.objectContaining({ code: 4403, reason: 'The token has been revoked' }));
    await subscription.ended;
  });

  it('closes a connection with 4403 once its token has expired', async () => {
    const issued = await app.ok(
      `mutation($s: String!) { issueApiToken(input: { subjectKind: RESPONDER, subject: $s, role: RESPONDER, label: "kiosk", expiresInDays: 1 }) { token } }`,
      { s: people.dana },
    );
    const client = connect(issued.issueApiToken.token);
    await client.subscribe(ESCALATION_CHANGED, {});
    const connections = app.app.get(LiveConnections);
    await connections.recheckAll();
    expect(connections.openCount).toBe(1);
    const now = app.clock.now();
    app.clock.set(new Date(now.getTime() + 2 * 86_400_000));
    try {
      await connections.recheckAll();
    } finally {
      app.clock.set(now);
    }
    expect(await client.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/expired/) });
  });

  it('answers a WebSocket upgrade anywhere but /graphql with 404', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const port = (app.server.address() as AddressInfo).port;
      const upgrade = request({
        host: '127.0.0.1',
        port,
        path: '/graphql-but-not',
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      upgrade.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      upgrade.on('upgrade', (_response, socket) => {
        socket.destroy();
        reject(new Error('upgraded'));
      });
      upgrade.on('error', reject);
      upgrade.end();
    });
    expect(status).toBe(404);
  });

  it('holds at most 20 subscriptions on one connection', async () => {
    const client = connect(app.token);
    for (let i = 0; i < 20; i++) await client.subscribe(ESCALATION_CHANGED, {});
    const oneTooMany = await client.subscribe(ESCALATION_CHANGED, {});
    expect((await oneTooMany.next()).errors).toMatchObject([
      { extensions: { code: 'TOO_MANY_REQUESTS' }, message: expect.stringMatching(/at most 20 subscriptions/) },
    ]);
  });

  it('serves only subscriptions, to readers, and only the fields their role may read', async () => {
    const client = connect(app.token);
    const query = await client.subscribe('{ me { role } }');
    expect((await query.next()).errors).toMatchObject([
      { extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/HTTP POST/) },
    ]);
    const integration = connect((await app.as('integration', 'alerts')).token);
    const refused = await integration.subscribe(ESCALATION_CHANGED, {});
    expect((await refused.next()).errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    const viewer = connect((await app.as('viewer', 'wall')).token);
    const tooMuch = await viewer.subscribe(
      `subscription { onCallChanged { onCall { responder { history { totalCount } } } } }`,
    );
    expect((await tooMuch.next()).errors).toEqual([
      { message: 'A viewer may not read Responder.history', extensions: { code: 'FORBIDDEN' } },
    ]);
  });
});
