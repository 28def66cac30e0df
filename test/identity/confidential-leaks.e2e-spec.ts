import type { Role } from '@app/core';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { actingAs, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A confidential rapid action is visible only to its DRI, sub-DRIs, stakeholders and admins.
 * Every query that could reveal it is asked by strangers of every role, and by members.
 */
const SECRET = 'Token leak in the billing export';

const QUERIES = {
  byId: `query($id: ID!) { rapidAction(id: $id) { id title updates { nodes { markdown } } history { nodes { data } } } }`,
  list: `{ rapidActions { totalCount nodes { id title } } }`,
  overdueList: `{ rapidActions(overdue: false) { nodes { title } } }`,
  digest: `query($date: String!) { rapidActionDigest(date: $date) { markdown entries { rapidAction { title } updates { markdown } } } }`,
  audit: `query($id: ID!) { auditTrail(kind: "rapid-action", id: $id) { nodes { type data } } }`,
};

describe('confidential rapid actions do not leak (over HTTP)', () => {
  let app: TestApp;
  let actionId: string;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-11-18T15:00:00Z');
    for (const handle of ['dana', 'sam', 'stella', 'stranger'])
      people[handle] = await registerResponder(app, { handle, timeZone: 'UTC' });
    const declared = await app.ok(
      `mutation($input: DeclareRapidActionInput!) { declareRapidAction(input: $input) { id } }`,
      {
        input: {
          title: SECRET,
          problemStatement: 'Customer tokens were written to an export',
          problems: ['exports of 12 customers contain tokens'],
          exitCriteria: [{ description: 'tokens rotated' }],
          severity: 'S1',
          driId: people.dana,
          stakeholderIds: [people.stella],
          confidential: true,
        },
      },
      actingAs(people.stella),
    );
    actionId = declared.declareRapidAction.id;
    await app.ok(
      `mutation($input: AssignSubDriInput!) { assignRapidActionSubDri(input: $input) { id } }`,
      {
        input: {
          rapidActionId: actionId,
          responderId: people.sam,
          scope: { kind: 'PERSPECTIVE', description: 'security' },
        },
      },
      actingAs(people.dana),
    );
    await app.ok(
      `mutation($input: PostRapidActionUpdateInput!) { postRapidActionUpdate(input: $input) { id } }`,
      {
        input: {
          rapidActionId: actionId,
          progressSinceLastUpdate: 'Rotated half',
          progressExpectedByNextUpdate: 'Rotate the rest',
        },
      },
      actingAs(people.dana),
    );
  });

  afterAll(() => app.close());

  const strangers: Array<[string, Role]> = [
    ['stranger', 'responder'],
    ['stranger', 'viewer'],
    ['stranger', 'manager'],
  ];

  it.each(strangers)('hides it from %s with a %s token everywhere', async (who, role) => {
    const headers = actingAs(people[who], role);
    const byId = await app.gql(QUERIES.byId, { id: actionId }, headers);
    expect(byId.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const audit = await app.gql(QUERIES.audit, { id: actionId }, headers);
    expect(audit.errors?.[0].extensions.code).toBe('NOT_FOUND');
    for (const [query, variables] of [
      [QUERIES.list, {}],
      [QUERIES.overdueList, {}],
      [QUERIES.digest, { date: '2026-11-18' }],
    ] as const) {
      const response = await app.gql(query, variables, headers);
      expect(response.errors).toBeUndefined();
      expect(JSON.stringify(response.data)).not.toContain(SECRET);
      expect(JSON.stringify(response.data)).not.toContain('Rotated half');
    }
    const post = (rapidActionId: string) =>
      app.gql(
        `mutation($input: PostRapidActionUpdateInput!) { postRapidActionUpdate(input: $input) { id } }`,
        { input: { rapidActionId, progressSinceLastUpdate: 'x', progressExpectedByNextUpdate: 'y' } },
        headers,
      );
    // a viewer changes no rapid action at all: FORBIDDEN whatever the id, so the answer tells nothing
    const expected = role === 'viewer' ? 'FORBIDDEN' : 'NOT_FOUND';
    expect((await post(actionId)).errors?.[0].extensions.code).toBe(expected);
    expect((await post('00000000-0000-4000-8000-000000000404')).errors?.[0].extensions.code).toBe(expected);
  });

  it.each([
    ['dana', 'responder'],
    ['sam', 'responder'],
    ['stella', 'responder'],
    ['admin', 'admin'],
  ] as Array<[string, Role]>)('shows it to %s (%s) in every query', async (who, role) => {
    const headers = who === 'admin' ? {} : actingAs(people[who], role);
    expect((await app.ok(QUERIES.byId, { id: actionId }, headers)).rapidAction.title).toBe(SECRET);
    expect(JSON.stringify(await app.ok(QUERIES.list, {}, headers))).toContain(SECRET);
    expect(JSON.stringify(await app.ok(QUERIES.digest, { date: '2026-11-18' }, headers))).toContain('Rotated half');
    expect(
      (await app.ok(QUERIES.audit, { id: actionId }, headers)).auditTrail.nodes.map((e: { type: string }) => e.type),
    ).toContain('RapidActionDeclared');
  });
});
