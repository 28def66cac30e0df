import { ACKNOWLEDGE, AWAITING, OPEN_ESCALATIONS, as, raise } from '../support/escalations.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REGISTER_SERVICE = `mutation($input: RegisterServiceInput!) {
  registerService(input: $input) { id name owningTeam secondTierRotation { id name } } }`;
const REROUTE = `mutation($input: RerouteEscalationInput!) {
  rerouteEscalation(input: $input) { id rotation { name } service { name } pages { nodes { state cancelReason trigger recipients { handle } } } } }`;
const TAG = `mutation($id: ID!, $tag: String) { tagEscalation(escalationId: $id, incidentTag: $tag) { id incidentTag } }`;

/** The dashboard's lists: filters, ordering and pagination; services routing to their owners. */
describe('escalation dashboard queries and routing (over HTTP)', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  const rotations: Record<string, string> = {};
  const raised: Array<{ id: string; title: string }> = [];

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-07-15T12:00:00Z');
    for (const handle of ['infra-1', 'gitaly-1']) ids[handle] = await registerResponder(app, { handle });
    ids.lead = await registerResponder(app, { handle: 'eng-lead', role: 'DIRECTOR' });
    rotations.infra = await createRotation(app, {
      name: 'Infrastructure',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
      participantIds: [ids['infra-1']],
    });
    rotations.gitaly = await createRotation(app, {
      name: 'Gitaly second tier',
      team: 'gitaly',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
      participantIds: [ids['gitaly-1']],
    });
    const plan = [
      ['S3', 'infra', 'Disk filling on a replica'],
      ['S1', 'infra', 'Site down'],
      ['S2', 'gitaly', 'Slow clones'],
      ['S1', 'gitaly', 'Repository corruption'],
      ['S2', 'infra', 'Error budget burning'],
    ];
    for (const [i, [severity, rotation, title]] of plan.entries()) {
      await app.advanceClock(`2026-07-15T12:0${i}:00Z`);
      raised.push(await raise(app, { source: 'INFRASTRUCTURE', severity, title, rotationId: rotations[rotation] }));
    }
  });

  afterAll(() => app.close());

  const titles = (connection: any) => connection.nodes.map((n: any) => n.title);

  it('lists open escalations most severe first, then oldest first, a page at a time', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const data = (await app.ok(OPEN_ESCALATIONS, { first: 2, after })).openEscalations;
      expect(data.totalCount).toBe(5);
      seen.push(...titles(data));
      pages += 1;
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([
      'Site down',
      'Repository corruption',
      'Slow clones',
      'Error budget burning',
      'Disk filling on a replica',
    ]);
  });

  it('filters by rotation, severity, state and DRI', async () => {
    const byRotation = await app.ok(OPEN_ESCALATIONS, { filter: { rotationIds: [rotations.gitaly] } });
    expect(titles(byRotation.openEscalations)).toEqual(['Repository corruption', 'Slow clones']);
    const bySeverity = await app.ok(OPEN_ESCALATIONS, { filter: { severities: ['S2'] } });
    expect(titles(bySeverity.openEscalations)).toEqual(['Slow clones', 'Error budget burning']);
    const page = (
      await app.ok(`query($id: ID!) { escalation(id: $id) { pages { nodes { id } } } }`, { id: raised[1].id })
    ).escalation.pages.nodes[0];
    await app.ok(ACKNOWLEDGE, { pageId: page.id }, as('infra-1'));
    const acknowledged = await app.ok(OPEN_ESCALATIONS, { filter: { states: ['ACKNOWLEDGED'] } });
    expect(titles(acknowledged.openEscalations)).toEqual(['Site down']);
    const byDri = await app.ok(OPEN_ESCALATIONS, { filter: { driId: ids['infra-1'], severities: ['S1'] } });
    expect(byDri.openEscalations).toMatchObject({
      totalCount: 1,
      nodes: [{ title: 'Site down', dri: { handle: 'infra-1' } }],
    });
  });

  it('lists pages awaiting acknowledgement by deadline, for a responder', async () => {
    const data = (await app.ok(AWAITING, { responderId: ids['gitaly-1'] })).pagesAwaitingAcknowledgement;
    expect(data.totalCount).toBe(2);
    expect(data.nodes.map((p: any) => p.escalation.title)).toEqual(['Slow clones', 'Repository corruption']);
    expect(data.nodes.map((p: any) => p.ackDeadline)).toEqual(['2026-07-15T12:17:00.000Z', '2026-07-15T12:18:00.000Z']);
  });

  it('groups escalations of one incident under its tag', async () => {
    await app.ok(TAG, { id: raised[0].id, tag: 'INC-42' }, as('infra-1'));
    await app.ok(TAG, { id: raised[4].id, tag: 'INC-42' }, as('infra-1'));
    const data = await app.ok(OPEN_ESCALATIONS, { filter: { incidentTag: 'INC-42' } });
    expect(titles(data.openEscalations)).toEqual(['Error budget burning', 'Disk filling on a replica']);
  });

  it('routes an escalation about a service to its owning team’s second tier', async () => {
    const service = (
      await app.ok(REGISTER_SERVICE, {
        input: { name: 'Gitaly', owningTeam: 'gitaly', secondTierRotationId: rotations.gitaly },
      })
    ).registerService;
    expect(service).toMatchObject({
      name: 'Gitaly',
      owningTeam: 'gitaly',
      secondTierRotation: { name: 'Gitaly second tier' },
    });
    const routed = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'Gitaly timeouts',
      serviceId: service.id,
    });
    expect(routed.rotation.name).toBe('Gitaly second tier');
    expect(routed.pages.nodes[0].recipients).toEqual([{ handle: 'gitaly-1' }]);

    const rerouted = (
      await app.ok(REROUTE, { input: { escalationId: raised[4].id, serviceId: service.id } }, as('infra-1'))
    ).rerouteEscalation;
    expect(rerouted).toMatchObject({ rotation: { name: 'Gitaly second tier' }, service: { name: 'Gitaly' } });
    expect(rerouted.pages.nodes).toEqual([
      { state: 'CANCELLED', cancelReason: 'REROUTED', trigger: 'RAISED', recipients: [{ handle: 'infra-1' }] },
      { state: 'TRIGGERED', cancelReason: null, trigger: 'REROUTED', recipients: [{ handle: 'gitaly-1' }] },
    ]);
  });
});
