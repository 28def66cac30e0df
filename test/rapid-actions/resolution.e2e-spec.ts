import { ManualClock } from '@app/core';
import {
  as,
  ASSIGN_SUB_DRI,
  declare,
  MARK_MET,
  POST_UPDATE,
  RAPID_ACTION,
  RAPID_ACTIONS,
  RAPID_ACTION_FIELDS,
  registerTeam,
  rejected,
  RESOLVE,
} from '../support/rapid-actions.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ADD_CRITERION = `
  mutation($input: AddExitCriterionInput!) { addRapidActionExitCriterion(input: $input) { ${RAPID_ACTION_FIELDS} } }`;
const REWORD = `
  mutation($input: RewordExitCriterionInput!) { rewordRapidActionExitCriterion(input: $input) { ${RAPID_ACTION_FIELDS} } }`;
const MARK_UNMET = `
  mutation($input: MarkExitCriterionUnmetInput!) { markRapidActionExitCriterionUnmet(input: $input) { ${RAPID_ACTION_FIELDS} } }`;
const FOLLOW_UPS = `
  mutation($input: RecordFollowUpsInput!) { recordRapidActionFollowUps(input: $input) { ${RAPID_ACTION_FIELDS} } }`;
const RETROSPECTIVE = `
  mutation($input: RecordRetrospectiveInput!) { recordRapidActionRetrospective(input: $input) { ${RAPID_ACTION_FIELDS} } }`;
const REVISE = `
  mutation($input: ReviseRapidActionInput!) { reviseRapidAction(input: $input) { ${RAPID_ACTION_FIELDS} } }`;

describe('exit criteria and resolution (over HTTP)', () => {
  let app: TestApp;
  let people: Record<'dana' | 'sam' | 'stella', string>;
  let action: any;

  beforeAll(async () => {
    app = await startTestApp({ clock: new ManualClock('2026-07-20T14:00:00Z') });
    people = await registerTeam(app, { dana: 'America/New_York', sam: 'Asia/Singapore', stella: 'Europe/Berlin' });
    action = await declare(app, people.stella, { driId: people.dana, stakeholderIds: [people.stella] });
    await app.ok(
      ASSIGN_SUB_DRI,
      {
        input: { rapidActionId: action.id, responderId: people.sam, scope: { kind: 'PART', description: 'Indexing' } },
      },
      as(people.dana),
    );
  });

  afterAll(() => app.close());

  const [first, second] = [0, 1];
  const criterion = (i: number) => action.exitCriteria[i].id;
  const markMet = (i: number, actor: string, evidence = 'The dashboard shows it for three days') =>
    app.ok(MARK_MET, { input: { rapidActionId: action.id, criterionId: criterion(i), evidence } }, as(actor));
  const resolve = (input: Record<string, unknown> = {}, actor = people.dana) =>
    app.gql(
      RESOLVE,
      { input: { rapidActionId: action.id, summary: 'Latency is back to normal', ...input } },
      as(actor),
    );

  it('keeps the problem current', async () => {
    const { reviseRapidAction } = await app.ok(
      REVISE,
      { input: { rapidActionId: action.id, severity: 'S2', problems: ['p95 search latency is 1.2 s'] } },
      as(people.dana),
    );
    expect(reviseRapidAction).toMatchObject({ severity: 'S2', problems: ['p95 search latency is 1.2 s'] });
    const refused = await rejected(app, REVISE, { input: { rapidActionId: action.id, title: 'x' } }, as(people.sam));
    expect(refused.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses resolution while a criterion is unmet, naming what is missing, and appends nothing', async () => {
    const met = (await markMet(first, people.sam)).markRapidActionExitCriterionMet;
    expect(met).toMatchObject({ exitCriteriaMet: 1, exitCriteriaTotal: 2 });
    expect(met.exitCriteria[first]).toMatchObject({
      met: true,
      evidence: expect.any(String),
      metBy: { handle: 'sam' },
    });

    const error = await rejected(app, RESOLVE, { input: { rapidActionId: action.id } }, as(people.dana));
    expect(error.extensions).toEqual({ code: 'CONFLICT', unmetCriterionIds: [criterion(second)] });
    expect(error.message).toMatch(/1 of 2 exit criteria are not met yet \("No search timeouts for a week"\)/);
  });

  it('lets criteria be added, reworded, and marked unmet again', async () => {
    const added = (
      await app.ok(
        ADD_CRITERION,
        {
          input: {
            rapidActionId: action.id,
            description: 'Error budget burn below 1x',
            dashboardUrl: 'https://dashboards.example/slo',
          },
        },
        as(people.dana),
      )
    ).addRapidActionExitCriterion;
    expect(added).toMatchObject({ exitCriteriaMet: 1, exitCriteriaTotal: 3 });
    const third = added.exitCriteria[2].id;
    const reworded = (
      await app.ok(
        REWORD,
        {
          input: { rapidActionId: action.id, criterionId: third, description: 'Error budget burn below 1x for a day' },
        },
        as(people.dana),
      )
    ).rewordRapidActionExitCriterion;
    // no dashboardUrl given: the link stays
    expect(reworded.exitCriteria[2]).toMatchObject({
      description: 'Error budget burn below 1x for a day',
      dashboardUrl: 'https://dashboards.example/slo',
    });
    const unlinked = (
      await app.ok(
        REWORD,
        {
          input: {
            rapidActionId: action.id,
            criterionId: third,
            description: 'Error budget burn below 1x for a day',
            dashboardUrl: null,
          },
        },
        as(people.dana),
      )
    ).rewordRapidActionExitCriterion;
    expect(unlinked.exitCriteria[2].dashboardUrl).toBeNull();
    expect(unlinked.history.nodes.filter((h: any) => h.type === 'RapidActionExitCriterionReworded')).toHaveLength(2);

    const unmet = (
      await app.ok(
        MARK_UNMET,
        { input: { rapidActionId: action.id, criterionId: criterion(first), reason: 'Latency regressed overnight' } },
        as(people.sam),
      )
    ).markRapidActionExitCriterionUnmet;
    expect(unmet).toMatchObject({ exitCriteriaMet: 0, exitCriteriaTotal: 3 });
    expect(unmet.exitCriteria[first]).toMatchObject({ met: false, evidence: null });
    action = unmet;
  });

  it('only lets the DRI resolve, and accepts once every criterion is met', async () => {
    for (const i of [0, 1, 2]) await markMet(i, people.dana);
    const bySubDri = await resolve({}, people.sam);
    expect(bySubDri.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const response = await resolve();
    expect(response.errors).toBeUndefined();
    expect(response.data.resolveRapidAction).toMatchObject({
      state: 'RESOLVED',
      exitCriteriaMet: 3,
      overdue: false,
      nextUpdateDueBy: null,
      daysSinceLastUpdate: null,
      resolution: { overridden: false, summary: 'Latency is back to normal', resolvedBy: { handle: 'dana' } },
    });
    const { rapidActions } = await app.ok(RAPID_ACTIONS, { state: 'RESOLVED' }, as(people.stella));
    expect(rapidActions.nodes.map((a: any) => a.id)).toEqual([action.id]);
  });

  it('a resolved action takes no update: a clear error, nothing appended', async () => {
    const error = await rejected(
      app,
      POST_UPDATE,
      { input: { rapidActionId: action.id, progressSinceLastUpdate: 'a', progressExpectedByNextUpdate: 'b' } },
      as(people.dana),
    );
    expect(error.extensions).toEqual({ code: 'CONFLICT', rapidActionId: action.id });
    expect(error.message).toBe('Rapid action "Search latency" is resolved: it takes no more status updates');
  });

  it('then records follow-up actions and the retrospective', async () => {
    await app.ok(
      FOLLOW_UPS,
      {
        input: {
          rapidActionId: action.id,
          followUps: [
            { description: 'Add a latency alert on the search API', ownerId: people.sam },
            { description: 'Load-test index migrations', issueUrl: 'https://issues.example/search/1300' },
          ],
        },
      },
      as(people.dana),
    );
    const { recordRapidActionRetrospective: done } = await app.ok(
      RETROSPECTIVE,
      {
        input: {
          rapidActionId: action.id,
          summary: 'The daily standup worked; sub-DRIs per time zone came too late.',
          heldOn: '2026-07-22',
        },
      },
      as(people.dana),
    );
    expect(done.followUps).toEqual([
      { description: 'Add a latency alert on the search API', issueUrl: null, owner: { handle: 'sam' } },
      { description: 'Load-test index migrations', issueUrl: 'https://issues.example/search/1300', owner: null },
    ]);
    expect(done.retrospective).toMatchObject({ heldOn: '2026-07-22', documentUrl: null });
  });

  it('resolves by explicit override only with a reason, recording the unmet criteria', async () => {
    await app.advanceClock('2026-07-21T14:00:00Z');
    const other = await declare(app, people.stella, { title: 'Import failures', driId: people.dana });
    const noReason = await rejected(
      app,
      RESOLVE,
      { input: { rapidActionId: other.id, overrideUnmetCriteria: true } },
      as(people.dana),
    );
    expect(noReason.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'overrideReason' });
    const { resolveRapidAction } = await app.ok(
      RESOLVE,
      {
        input: {
          rapidActionId: other.id,
          overrideUnmetCriteria: true,
          overrideReason: 'Superseded by the importer rewrite',
        },
      },
      as(people.dana),
    );
    expect(resolveRapidAction.resolution).toMatchObject({
      overridden: true,
      overrideReason: 'Superseded by the importer rewrite',
      overriddenCriteria: [
        { description: 'p95 search latency below 600 ms for three days' },
        { description: 'No search timeouts for a week' },
      ],
    });
    const { rapidAction } = await app.ok(RAPID_ACTION, { id: other.id });
    expect(rapidAction.state).toBe('RESOLVED');
  });

  it('pages through the list, newest declared first', async () => {
    const page = async (first: number, after?: string) =>
      (await app.ok(RAPID_ACTIONS, { first, after }, as(people.stella))).rapidActions;
    const one = await page(1);
    expect(one).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      nodes: [{ title: 'Import failures' }],
    });
    const two = await page(1, one.pageInfo.endCursor);
    expect(two).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: false },
      nodes: [{ title: 'Search latency' }],
    });
    expect((await page(5, two.pageInfo.endCursor)).nodes).toEqual([]);
    const nulls = (await app.ok(RAPID_ACTIONS, { after: null, state: null }, as(people.stella))).rapidActions;
    expect(nulls).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    const tooMany = await app.gql(RAPID_ACTIONS, { first: 500 }, as(people.stella));
    expect(tooMany.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await app.gql(RAPID_ACTIONS, { first: 1, after: 'bm90IG91cnM.AAAA' }, as(people.stella));
    expect(forged.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
