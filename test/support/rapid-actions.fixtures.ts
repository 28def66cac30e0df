import { registerResponder } from './scheduling.fixtures.js';
import { actingAs, type TestApp } from './test-app.js';

/** Everything the rapid-action status read model answers for one action. */
export const RAPID_ACTION_FIELDS = `
  id title problemStatement problems severity issuesInScope confidential madePublicAt state driTimeZone declaredBy { id }
  dri { handle }
  subDris { responder { handle } scope { kind description } }
  stakeholders { handle }
  exitCriteria { id description dashboardUrl met evidence metBy { handle } }
  exitCriteriaMet exitCriteriaTotal
  latestUpdate { id date postedAs postedBy { handle } scope { kind description } blockers version markdown }
  updates {
    totalCount
    nodes {
      id date version current postedAs postedBy { handle } scope { kind description }
      progressSinceLastUpdate progressExpectedByNextUpdate blockers praise markdown
      previousVersions { id version current progressSinceLastUpdate }
    }
  }
  daysSinceLastUpdate businessDaysSinceLastUpdate nextUpdateDueBy overdue overdueSince
  openBlockers { scope { kind description } blockers date }
  resolution { overridden overrideReason summary resolvedBy { handle } overriddenCriteria { description } }
  followUps { description issueUrl owner { handle } }
  retrospective { summary documentUrl heldOn }
  history(first: 100) { nodes { revision type actor { id } data } }`;

export const DECLARE = `
  mutation Declare($input: DeclareRapidActionInput!) { declareRapidAction(input: $input) { ${RAPID_ACTION_FIELDS} } }`;

export const RAPID_ACTION = `query Action($id: ID!) { rapidAction(id: $id) { ${RAPID_ACTION_FIELDS} } }`;

export const RAPID_ACTIONS = `
  query Actions($state: RapidActionState, $overdue: Boolean, $first: Int, $after: String) {
    rapidActions(state: $state, overdue: $overdue, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id title state overdue }
    }
  }`;

export const POST_UPDATE = `
  mutation Post($input: PostRapidActionUpdateInput!) { postRapidActionUpdate(input: $input) { ${RAPID_ACTION_FIELDS} } }`;

export const DIGEST = `
  query Digest($date: String!) {
    rapidActionDigest(date: $date) {
      date markdown
      entries { rapidAction { id title } updates { id date version scope { description } postedBy { handle } markdown } }
    }
  }`;

export const ASSIGN_SUB_DRI = `
  mutation Assign($input: AssignSubDriInput!) { assignRapidActionSubDri(input: $input) { ${RAPID_ACTION_FIELDS} } }`;

export const MARK_MET = `
  mutation Met($input: MarkExitCriterionMetInput!) { markRapidActionExitCriterionMet(input: $input) { ${RAPID_ACTION_FIELDS} } }`;

export const RESOLVE = `
  mutation Resolve($input: ResolveRapidActionInput!) { resolveRapidAction(input: $input) { ${RAPID_ACTION_FIELDS} } }`;

export const CHANGE_DRI = `
  mutation ChangeDri($input: ChangeRapidActionDriInput!) { changeRapidActionDri(input: $input) { ${RAPID_ACTION_FIELDS} } }`;

/** The caller: a responder, by id, with a responder token. */
export const as = (responderId: string) => actingAs(responderId, 'responder');

export async function registerTeam<Handle extends string>(
  app: TestApp,
  zones: Record<Handle, string>,
): Promise<Record<Handle, string>> {
  const ids = {} as Record<Handle, string>;
  for (const [handle, timeZone] of Object.entries(zones) as Array<[Handle, string]>) {
    ids[handle] = await registerResponder(app, { handle, name: handle[0].toUpperCase() + handle.slice(1), timeZone });
  }
  return ids;
}

export function declaration(overrides: Record<string, unknown>) {
  return {
    input: {
      title: 'Search latency',
      problemStatement: 'Search has been slow for every customer since the index migration.',
      problems: ['p95 latency of the search API is 2.5 s, five times its usual 500 ms'],
      exitCriteria: [
        {
          description: 'p95 search latency below 600 ms for three days',
          dashboardUrl: 'https://dashboards.example/search',
        },
        { description: 'No search timeouts for a week' },
      ],
      severity: 'S1',
      issuesInScope: ['search#1201', 'search#1207'],
      ...overrides,
    },
  };
}

export async function declare(app: TestApp, declarer: string, overrides: Record<string, unknown>) {
  const data = await app.ok(DECLARE, declaration(overrides), as(declarer));
  return data.declareRapidAction;
}

/** Runs the request and checks that the event log did not move; returns the single error. */
export async function rejected(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  await app.gql('{ me { role } }', {}, headers); // the caller's token is issued on first use: before counting
  const before = await app.store.headPosition();
  const response = await app.gql(query, variables, headers);
  expect(await app.store.headPosition()).toBe(before);
  expect(response.errors).toHaveLength(1);
  return response.errors![0];
}
