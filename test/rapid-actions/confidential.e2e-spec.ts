import { ManualClock } from '@app/core';
import {
  as,
  ASSIGN_SUB_DRI,
  CHANGE_DRI,
  declare,
  DECLARE,
  declaration,
  DIGEST,
  MARK_MET,
  POST_UPDATE,
  RAPID_ACTION,
  RAPID_ACTIONS,
  registerTeam,
  rejected,
  RESOLVE,
} from '../support/rapid-actions.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MAKE_PUBLIC = `
  mutation($input: MakeRapidActionPublicInput!) { makeRapidActionPublic(input: $input) { id confidential madePublicAt } }`;
const ADD_STAKEHOLDER = `
  mutation($input: RapidActionMemberInput!) { addRapidActionStakeholder(input: $input) { id } }`;
const SECRET = 'Tokens of project exports are readable by other tenants';

describe('confidential rapid actions (over HTTP)', () => {
  let app: TestApp;
  let people: Record<'dana' | 'sam' | 'stella' | 'stranger', string>;
  let secret: any;
  let open: any;

  beforeAll(async () => {
    app = await startTestApp({ clock: new ManualClock('2026-07-20T14:00:00Z') });
    people = await registerTeam(app, {
      dana: 'America/New_York',
      sam: 'Asia/Singapore',
      stella: 'Europe/Berlin',
      stranger: 'Europe/Paris',
    });
    secret = await declare(app, people.stella, {
      title: SECRET,
      problemStatement: 'A security problem that risks exposing customer data.',
      driId: people.dana,
      stakeholderIds: [people.stella],
      confidential: true,
    });
    open = await declare(app, people.stella, { title: 'Search latency', driId: people.dana });
    await app.ok(
      ASSIGN_SUB_DRI,
      {
        input: {
          rapidActionId: secret.id,
          responderId: people.sam,
          scope: { kind: 'PERSPECTIVE', description: 'Infrastructure' },
        },
      },
      as(people.dana),
    );
    await app.ok(
      POST_UPDATE,
      {
        input: {
          rapidActionId: secret.id,
          progressSinceLastUpdate: 'Rotated every export token.',
          progressExpectedByNextUpdate: 'Audit the access logs.',
        },
      },
      as(people.dana),
    );
    await app.ok(
      POST_UPDATE,
      {
        input: {
          rapidActionId: open.id,
          progressSinceLastUpdate: 'Rolled back.',
          progressExpectedByNextUpdate: 'Fix.',
        },
      },
      as(people.dana),
    );
  });

  afterAll(() => app.close());

  const listed = async (actor: string) =>
    (await app.ok(RAPID_ACTIONS, {}, as(actor))).rapidActions.nodes.map((a: any) => a.title).sort();

  it('is seen by its DRI, sub-DRIs and stakeholders', async () => {
    for (const member of [people.dana, people.sam, people.stella]) {
      expect(await listed(member)).toEqual(['Search latency', SECRET]);
      const { rapidAction } = await app.ok(RAPID_ACTION, { id: secret.id }, as(member));
      expect(rapidAction).toMatchObject({ title: SECRET, confidential: true, latestUpdate: { date: '2026-07-20' } });
    }
  });

  it('is absent for a stranger: not in lists, NOT_FOUND by id, not in the digest', async () => {
    const page = (await app.ok(RAPID_ACTIONS, {}, as(people.stranger))).rapidActions;
    expect(page).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      nodes: [expect.objectContaining({ title: 'Search latency' })],
    });
    expect(await listed('anonymous')).toEqual(['Search latency']);

    const byId = await app.gql(RAPID_ACTION, { id: secret.id }, as(people.stranger));
    expect(byId.data).toBeNull();
    expect(byId.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', entity: 'Rapid action', id: secret.id });
    // the same answer as for an id that does not exist
    const unknown = await app.gql(RAPID_ACTION, { id: '00000000-0000-4000-8000-000000000000' }, as(people.stranger));
    expect(unknown.errors?.[0].message).toBe(
      byId.errors?.[0].message.replace(secret.id, '00000000-0000-4000-8000-000000000000'),
    );

    const { rapidActionDigest: digest } = await app.ok(DIGEST, { date: '2026-07-20' }, as(people.stranger));
    expect(digest.entries.map((e: any) => e.rapidAction.title)).toEqual(['Search latency']);
    expect(digest.markdown).not.toContain(SECRET);
    expect(digest.markdown).not.toContain('export token');
    const { rapidActionDigest: members } = await app.ok(DIGEST, { date: '2026-07-20' }, as(people.stella));
    expect(members.entries).toHaveLength(2);
    expect(members.markdown).toContain('Rotated every export token.');
  });

  it('answers a stranger’s commands with NOT_FOUND, not FORBIDDEN, and appends nothing', async () => {
    const attempts: Array<[string, Record<string, unknown>]> = [
      [
        POST_UPDATE,
        { input: { rapidActionId: secret.id, progressSinceLastUpdate: 'a', progressExpectedByNextUpdate: 'b' } },
      ],
      [CHANGE_DRI, { input: { rapidActionId: secret.id, driId: people.stranger } }],
      [ADD_STAKEHOLDER, { input: { rapidActionId: secret.id, responderId: people.stranger } }],
      [RESOLVE, { input: { rapidActionId: secret.id, overrideUnmetCriteria: true, overrideReason: 'x' } }],
      [MARK_MET, { input: { rapidActionId: secret.id, criterionId: secret.exitCriteria[0].id, evidence: 'x' } }],
    ];
    for (const [query, variables] of attempts) {
      const error = await rejected(app, query, variables, as(people.stranger));
      expect(error.extensions.code).toBe('NOT_FOUND');
      expect(error.message).not.toContain(SECRET);
    }
    // a stakeholder sees it, so is told FORBIDDEN
    const stakeholder = await rejected(app, POST_UPDATE, attempts[0][1], as(people.stella));
    expect(stakeholder.extensions.code).toBe('FORBIDDEN');
  });

  it('cannot be declared by someone who would not see it', async () => {
    const error = await rejected(
      app,
      DECLARE,
      declaration({ driId: people.dana, stakeholderIds: [people.stella], confidential: true }),
      as(people.stranger),
    );
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'stakeholderIds' });
  });

  it('once resolved, can be made public, and then everyone sees it', async () => {
    const made = await rejected(app, MAKE_PUBLIC, { input: { rapidActionId: secret.id } }, as(people.dana));
    expect(made.extensions.code).toBe('CONFLICT');
    for (const criterion of secret.exitCriteria) {
      await app.ok(
        MARK_MET,
        { input: { rapidActionId: secret.id, criterionId: criterion.id, evidence: 'Audit clean' } },
        as(people.sam),
      );
    }
    await app.ok(
      RESOLVE,
      { input: { rapidActionId: secret.id, summary: 'Tokens rotated, no access found' } },
      as(people.dana),
    );
    expect(await listed(people.stranger)).toEqual(['Search latency']);
    const { makeRapidActionPublic } = await app.ok(
      MAKE_PUBLIC,
      { input: { rapidActionId: secret.id, reason: 'Cleared by the security team' } },
      as(people.stella),
    );
    expect(makeRapidActionPublic).toMatchObject({ confidential: false, madePublicAt: '2026-07-20T14:00:00.000Z' });
    expect(await listed(people.stranger)).toEqual(['Search latency', SECRET]);
    const { rapidAction } = await app.ok(RAPID_ACTION, { id: secret.id }, as(people.stranger));
    expect(rapidAction.history.nodes.map((h: any) => h.type).at(-1)).toBe('RapidActionMadePublic');
  });
});
