import { ACKNOWLEDGE, AWAITING, as, escalation, raise } from '../support/escalations.fixtures.js';
import {
  resolveEscalation,
  setUpDevelopmentEscalation,
  type DevelopmentSetup,
} from '../support/escalation-scenarios.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A weekday development escalation (Wednesday 2026-07-15): the infrastructure team escalates;
 * the page goes to the online engineer escalated to longest ago; nobody acknowledges; after the
 * 15-minute timeout the page moves to the manager on call by itself.
 */
describe('weekday development escalation (over HTTP)', () => {
  let app: TestApp;
  let setup: DevelopmentSetup;
  let escalationId: string;

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-07-15T07:00:00Z');
    setup = await setUpDevelopmentEscalation(app);
  });

  afterAll(() => app.close());

  it('pages the first online engineer in schedule order when nobody was escalated to yet', async () => {
    await app.advanceClock('2026-07-15T09:00:00Z');
    const first = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      title: 'Sidekiq queue latency creeping up',
      rotationId: setup.devRotation,
    });
    expect(first.pages.nodes[0].recipients).toEqual([{ handle: 'dev-a' }]);
    await app.ok(ACKNOWLEDGE, { pageId: first.pages.nodes[0].id }, as('dev-a'));
    await resolveEscalation(app, first.id, 'dev-a');
  });

  it('pages the online engineer escalated to longest ago, and records why', async () => {
    await app.advanceClock('2026-07-15T10:00:00Z');
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'Error rate on the API up 400%',
      links: ['https://dashboards.example/api-errors'],
      rotationId: setup.devRotation,
    });
    escalationId = raised.id;
    const [page] = raised.pages.nodes;
    expect(page).toMatchObject({
      state: 'TRIGGERED',
      step: 1,
      layer: 'RESPONDER',
      trigger: 'RAISED',
      pagedAt: '2026-07-15T10:00:00.000Z',
      ackDeadline: '2026-07-15T10:15:00.000Z',
      recipients: [{ handle: 'dev-c' }],
      shadows: [{ handle: 'dev-shadow' }],
    });
    expect(page.selection).toEqual({
      rule: 'LEAST_RECENTLY_ESCALATED_ONLINE',
      candidates: [
        candidate('dev-a', { online: true, lastEscalatedAt: '2026-07-15T09:00:00.000Z' }),
        candidate('dev-b', { online: false }),
        candidate('dev-c', { online: true, chosen: true }),
      ],
    });
  });

  it('shows the page awaiting acknowledgement with its deadline', async () => {
    const data = await app.ok(AWAITING, { rotationIds: [setup.devRotation] });
    expect(data.pagesAwaitingAcknowledgement).toEqual({
      totalCount: 1,
      nodes: [
        expect.objectContaining({
          ackDeadline: '2026-07-15T10:15:00.000Z',
          recipients: [{ handle: 'dev-c' }],
          escalation: { id: escalationId, title: 'Error rate on the API up 400%' },
        }),
      ],
    });
  });

  it('keeps paging the engineer until the timeout', async () => {
    await app.advanceClock('2026-07-15T10:14:59Z');
    const current = await escalation(app, escalationId);
    expect(current.pages.nodes.map((p: any) => p.state)).toEqual(['TRIGGERED']);
  });

  it('moves the unacknowledged page to the manager on call after 15 minutes', async () => {
    await app.advanceClock('2026-07-15T10:15:00Z');
    const current = await escalation(app, escalationId);
    expect(current.state).toBe('OPEN');
    expect(current.pages.nodes).toEqual([
      expect.objectContaining({ state: 'TIMED_OUT', withinSlo: false, recipients: [{ handle: 'dev-c' }] }),
      expect.objectContaining({
        state: 'TRIGGERED',
        step: 2,
        layer: 'MANAGER',
        trigger: 'ACK_TIMEOUT',
        pagedAt: '2026-07-15T10:15:00.000Z',
        ackDeadline: '2026-07-15T10:30:00.000Z',
        recipients: [{ handle: 'mgr' }],
        selection: { rule: 'ON_CALL', candidates: [candidate('mgr', { chosen: true })] },
      }),
    ]);
    expect(current.currentPage.id).toBe(current.pages.nodes[1].id);
    const awaiting = await app.ok(AWAITING, { responderId: setup.ids.mgr });
    expect(awaiting.pagesAwaitingAcknowledgement.nodes.map((p: any) => p.ackDeadline)).toEqual([
      '2026-07-15T10:30:00.000Z',
    ]);
    expect(current.timeline.nodes.map((t: any) => t.type)).toEqual([
      'EscalationRaised',
      'ResponderPaged',
      'PageTimedOut',
      'ResponderPaged',
    ]);
    expect(current.timeline.nodes[2]).toMatchObject({ actor: { id: 'system' }, at: '2026-07-15T10:15:00.000Z' });
    // words and fields number alike: the page with step 2 is "step 2" in the timeline
    expect(current.timeline.nodes[3].description).toContain(`step ${current.pages.nodes[1].step} (manager)`);
    expect(current.timeline.nodes[1].description).toContain(`step ${current.pages.nodes[0].step} (responder)`);
    // both lists page on with the cursor they gave, in time order
    const LISTS = `query($id: ID!, $after: String) { escalation(id: $id) {
      pages(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
      timeline(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { type } } } }`;
    const first = (await app.ok(LISTS, { id: escalationId })).escalation;
    expect(first.pages).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    expect(first.pages.nodes).toEqual([{ id: current.pages.nodes[0].id }]);
    expect(first.timeline).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const nextPages = `query($id: ID!, $after: String) { escalation(id: $id) { pages(first: 1, after: $after) { pageInfo { hasNextPage } nodes { id } } } }`;
    const nextLines = `query($id: ID!, $after: String) { escalation(id: $id) { timeline(first: 3, after: $after) { pageInfo { hasNextPage } nodes { type } } } }`;
    expect(
      (await app.ok(nextPages, { id: escalationId, after: first.pages.pageInfo.endCursor })).escalation.pages,
    ).toEqual({
      pageInfo: { hasNextPage: false },
      nodes: [{ id: current.pages.nodes[1].id }],
    });
    expect(
      (await app.ok(nextLines, { id: escalationId, after: first.timeline.pageInfo.endCursor })).escalation.timeline,
    ).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ type: 'ResponderPaged' }] });
  });

  it('does not let the engineer acknowledge the page that moved on', async () => {
    const current = await escalation(app, escalationId);
    const late = await app.gql(ACKNOWLEDGE, { pageId: current.pages.nodes[0].id }, as('dev-c'));
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'TIMED_OUT' });
  });

  it('records the manager’s acknowledgement time against the SLO; the manager is DRI', async () => {
    await app.advanceClock('2026-07-15T10:21:00Z');
    const current = await escalation(app, escalationId);
    const ack = await app.ok(ACKNOWLEDGE, { pageId: current.pages.nodes[1].id }, as('mgr'));
    expect(ack.acknowledgePage).toMatchObject({
      state: 'ACKNOWLEDGED',
      acknowledgedBy: { handle: 'mgr' },
      escalation: { state: 'ACKNOWLEDGED', dri: { handle: 'mgr' } },
    });
    const after = await escalation(app, escalationId);
    expect(after.pages.nodes[1]).toMatchObject({ secondsToAcknowledge: 360, ackSloSeconds: 900, withinSlo: true });
    await app.advanceClock('2026-07-15T11:00:00Z');
    expect((await escalation(app, escalationId)).pages.nodes).toHaveLength(2);
  });

  it('pages the schedule’s on-call engineer at the weekend, whoever is online', async () => {
    await app.advanceClock('2026-07-18T10:00:00Z');
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S3',
      title: 'Saturday: slow merge request pages',
      rotationId: setup.devRotation,
    });
    expect(raised.pages.nodes[0].selection.rule).toBe('ON_CALL');
    expect(raised.pages.nodes[0].recipients).toEqual([{ handle: 'dev-a' }]);
  });
});

function candidate(handle: string, overrides: Partial<Record<string, unknown>> = {}) {
  return {
    responder: { handle },
    online: false,
    lastEscalatedAt: null,
    busyWithEscalationId: null,
    isDri: false,
    chosen: false,
    ...overrides,
  };
}
