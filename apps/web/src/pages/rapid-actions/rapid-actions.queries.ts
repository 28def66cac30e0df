const LIST_FIELDS = `
  id title severity state confidential overdue overdueSince nextUpdateDueBy daysSinceLastUpdate businessDaysSinceLastUpdate
  exitCriteriaMet exitCriteriaTotal dri { id name } latestUpdate { date }`;

export const RAPID_ACTIONS = `
  query RapidActionsList($after: String) {
    overdue: rapidActions(overdue: true, state: OPEN, first: 40) { totalCount nodes { ${LIST_FIELDS} } }
    onTime: rapidActions(overdue: false, first: 20, after: $after) {
      totalCount pageInfo { endCursor hasNextPage } nodes { ${LIST_FIELDS} }
    }
  }`;

const UPDATE_FIELDS = `
  id date version current postedAs postedAt markdown
  postedBy { id name } scope { kind description }`;

export const DETAIL_FIELDS = `
  ${LIST_FIELDS}
  problemStatement problems issuesInScope driTimeZone declaredAt
  subDris { responder { id name } scope { kind description } }
  stakeholders { id name }
  exitCriteria { id description met metAt evidence dashboardUrl metBy { id name } }
  openBlockers { date blockers scope { description } }
  updates(first: 10) { totalCount nodes { ${UPDATE_FIELDS} } }`;

export const RAPID_ACTION = `query RapidAction($id: ID!) { rapidAction(id: $id) { ${DETAIL_FIELDS} } }`;

/** Delivered when a rapid action the viewer may see changes (only that one with an id); the page then refetches. */
export const RAPID_ACTION_LIVE = `subscription RapidActionLive($id: ID) { rapidActionUpdated(id: $id) { id } }`;

export const POST_UPDATE = `
  mutation PostRapidActionUpdate($input: PostRapidActionUpdateInput!) { postRapidActionUpdate(input: $input) { ${DETAIL_FIELDS} } }`;

export const ADD_CRITERION = `
  mutation AddExitCriterion($input: AddExitCriterionInput!) { addRapidActionExitCriterion(input: $input) { ${DETAIL_FIELDS} } }`;

export const MARK_MET = `
  mutation MarkCriterionMet($input: MarkExitCriterionMetInput!) { markRapidActionExitCriterionMet(input: $input) { ${DETAIL_FIELDS} } }`;

export const MARK_UNMET = `
  mutation MarkCriterionUnmet($input: MarkExitCriterionUnmetInput!) { markRapidActionExitCriterionUnmet(input: $input) { ${DETAIL_FIELDS} } }`;

export const DIGEST = `
  query RapidActionDigest($date: String!) {
    rapidActionDigest(date: $date) { date markdown entries { rapidAction { id title } updates { id } } }
  }`;

export interface Person {
  id: string;
  name: string;
}

export interface RapidActionSummary {
  id: string;
  title: string;
  severity: string;
  state: 'OPEN' | 'RESOLVED';
  confidential: boolean;
  overdue: boolean;
  overdueSince: string | null;
  nextUpdateDueBy: string | null;
  daysSinceLastUpdate: number | null;
  businessDaysSinceLastUpdate: number | null;
  exitCriteriaMet: number;
  exitCriteriaTotal: number;
  dri: Person;
  latestUpdate: { date: string } | null;
}

export interface ExitCriterion {
  id: string;
  description: string;
  met: boolean;
  metAt: string | null;
  evidence: string | null;
  dashboardUrl: string | null;
  metBy: Person | null;
}

export interface RapidActionUpdate {
  id: string;
  date: string;
  version: number;
  current: boolean;
  postedAs: 'DRI' | 'SUB_DRI';
  postedAt: string;
  markdown: string;
  postedBy: Person | null;
  scope: { kind: string; description: string } | null;
}

export interface RapidActionDetail extends RapidActionSummary {
  problemStatement: string;
  problems: string[];
  issuesInScope: string[];
  driTimeZone: string;
  declaredAt: string;
  subDris: { responder: Person; scope: { kind: string; description: string } }[];
  stakeholders: Person[];
  exitCriteria: ExitCriterion[];
  openBlockers: { date: string; blockers: string; scope: { description: string } | null }[];
  updates: { totalCount: number; nodes: RapidActionUpdate[] };
}
