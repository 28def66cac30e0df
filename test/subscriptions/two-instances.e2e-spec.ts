import { ManualClock } from '@app/core';
import { EsdbGrpcDouble } from '@app/event-store/testing';
import { ACKNOWLEDGE, as, ESCALATION, raise } from '../support/escalations.fixtures.js';
import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { listen, liveClient, type LiveClient } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ESCALATION_CHANGED = `subscription($id: ID) { escalationChanged(id: $id) {
  id state pages { nodes { id state acknowledgedBy { handle } } } } }`;

async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Two service instances (each the whole app, with its own read models) on one EventStoreDB (the
 * gRPC double), as behind a load balancer: a change made through one instance is delivered to
 * subscribers of the other, because each feeds its subscriptions from the store, not its own bus.
 */
describe('subscriptions on two instances sharing one store', () => {
  let double: EsdbGrpcDouble;
  let one: TestApp;
  let two: TestApp;
  let setup: DevelopmentSetup;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    double = await EsdbGrpcDouble.start();
    const store = { connectionString: double.connectionString };
    one = await startTestApp({ clock: new ManualClock('2026-07-15T09:00:00Z'), store });
    two = await startTestApp({ clock: new ManualClock('2026-07-15T09:00:00Z'), store });
    setup = await setUpDevelopmentEscalation(one);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await one?.close();
    await two?.close();
    await double?.stop();
  });

  it('delivers an acknowledgement made through one instance to subscribers of both', async () => {
    const raised = await raise(one, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'Error rate on the API up 400%',
      rotationId: setup.devRotation,
    });
    await eventually(async () => !(await two.gql(ESCALATION, { id: raised.id })).errors, 'instance two to see it');
    const onTwo = liveClient(two, await listen(two), two.token);
    const onOne = liveClient(one, await listen(one), one.token);
    clients.push(onTwo, onOne);
    const fromTwo = await onTwo.subscribe(ESCALATION_CHANGED, { id: raised.id });
    const fromOne = await onOne.subscribe(ESCALATION_CHANGED, {});

    await one.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as(raised.pages.nodes[0].recipients[0].handle));

    for (const subscription of [fromTwo, fromOne]) {
      const { data, errors } = await subscription.next(10_000);
      expect(errors).toBeUndefined();
      expect(data!.escalationChanged).toMatchObject({
        id: raised.id,
        pages: {
          nodes: [{ state: 'ACKNOWLEDGED', acknowledgedBy: { handle: raised.pages.nodes[0].recipients[0].handle } }],
        },
      });
    }
  });

  it('closes a connection on one instance when its token is revoked through the other', async () => {
    const issued = await one.ok(
      `mutation { issueApiToken(input: { subjectKind: DISPLAY, subject: "lobby-wall", role: VIEWER, label: "wall", expiresInDays: 30 }) { token apiToken { id } } }`,
    );
    const viewer = liveClient(two, await listen(two), issued.issueApiToken.token);
    clients.push(viewer);
    await viewer.subscribe(ESCALATION_CHANGED, {});
    await one.ok(`mutation($t: ID!) { revokeApiToken(tokenId: $t, reason: "screen stolen") { revokedAt } }`, {
      t: issued.issueApiToken.apiToken.id,
    });
    expect(await viewer.closed).toMatchObject({ code: 4403, reason: 'The token has been revoked' });
  });
});
