import { ACKNOWLEDGE, as, raise } from '../support/escalations.fixtures.js';
import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ACTOR = 'id kind responder { id name handle } integration { id name } operator { name }';
const ESCALATION_ACTORS = `query($id: ID!) { escalation(id: $id) {
  raisedBy { ${ACTOR} } timeline { nodes { type actor { ${ACTOR} } } } history { nodes { type actor { kind } } } } }`;
const ROTATION_HISTORY = `query($id: ID!) { rotation(id: $id) { history { nodes { type actor { ${ACTOR} } } } } }`;

/** Who did it is an object: a responder, an integration, an operator or the system, with their names. */
describe('actors in answers (over HTTP)', () => {
  let app: TestApp;
  let setup: DevelopmentSetup;

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-07-15T07:00:00Z');
    setup = await setUpDevelopmentEscalation(app);
  });

  afterAll(() => app.close());

  it('names the integration that raised, the responder who acknowledged and the system that moved on', async () => {
    await app.advanceClock('2026-07-15T09:00:00Z');
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      title: 'Queue latency',
      rotationId: setup.devRotation,
    });
    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('dev-a'));
    const { escalation } = await app.ok(ESCALATION_ACTORS, { id: raised.id });
    const integration = {
      id: 'infra-oncall',
      kind: 'INTEGRATION',
      responder: null,
      integration: { id: 'infra-oncall', name: 'infra-oncall' },
      operator: null,
    };
    expect(escalation.raisedBy).toEqual(integration);
    expect(escalation.timeline.nodes[0]).toMatchObject({ type: 'EscalationRaised', actor: integration });
    expect(escalation.timeline.nodes.find((line: any) => line.type === 'PageAcknowledged').actor).toEqual({
      id: setup.ids['dev-a'],
      kind: 'RESPONDER',
      responder: { id: setup.ids['dev-a'], name: 'dev-a', handle: 'dev-a' },
      integration: null,
      operator: null,
    });
    expect(escalation.history.nodes.map((entry: any) => entry.actor.kind)).toContain('RESPONDER');
  });

  it('names operators by the name their token was issued for, and time-driven steps as the system', async () => {
    const ops = await app.as('admin', 'operator:ops');
    const { rotation } = await app.ok(ROTATION_HISTORY, { id: setup.devRotation });
    expect(rotation.history.nodes[0].actor).toEqual({
      id: 'test-admin',
      kind: 'OPERATOR',
      responder: null,
      integration: null,
      operator: { name: 'test-admin' },
    });
    const me = await ops.ok(`{ me { actor { kind operator { name } } } }`);
    expect(me.me.actor).toEqual({ kind: 'OPERATOR', operator: { name: 'ops' } });

    await app.advanceClock('2026-07-15T10:00:00Z');
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      title: 'Disk filling',
      rotationId: setup.devRotation,
    });
    await app.advanceClock('2026-07-15T10:16:00Z');
    const { escalation } = await app.ok(ESCALATION_ACTORS, { id: raised.id });
    const timedOut = escalation.timeline.nodes.find((line: any) => line.actor.kind === 'SYSTEM');
    expect(timedOut.actor).toEqual({
      id: 'system',
      kind: 'SYSTEM',
      responder: null,
      integration: null,
      operator: null,
    });
  });
});
