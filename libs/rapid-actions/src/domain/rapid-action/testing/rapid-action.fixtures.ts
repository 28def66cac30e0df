/** Given/when/then fixtures shared by the rapid-action decider specs: one declared action, its DRI dana in New York. */
import type { RapidActionCommand } from '../rapid-action.commands.js';
import type { RapidActionDeclaredData, RapidActionEvent, RapidActionUpdateData } from '../rapid-action.events.js';

export const ID = 'ra-1';
export const FRIDAY = '2026-07-17T14:00:00.000Z'; // 10:00 in New York
export const END_OF_MONDAY_NY = '2026-07-21T04:00:00.000Z';

export const declaredData: RapidActionDeclaredData = {
  rapidActionId: ID,
  title: 'Search latency',
  problemStatement: 'Search is slow for everyone',
  problems: ['p95 latency of search is 2.5 s, five times the usual 500 ms'],
  severity: 'S1',
  issuesInScope: ['search#12'],
  stakeholderIds: ['stella'],
  driId: 'dana',
  driTimeZone: 'America/New_York',
  confidential: false,
  exitCriteria: [
    { criterionId: 'c1', description: 'p95 below 600 ms for 3 days', dashboardUrl: 'https://dash/search' },
    { criterionId: 'c2', description: 'No timeouts for a week', dashboardUrl: null },
  ],
  declaredBy: 'stella',
  declaredAt: FRIDAY,
  updateDueBy: END_OF_MONDAY_NY,
};
export const declared: RapidActionEvent = { type: 'RapidActionDeclared', data: declaredData };
export const apacSubDri: RapidActionEvent = {
  type: 'RapidActionSubDriAssigned',
  data: { rapidActionId: ID, responderId: 'sam', scope: { kind: 'time-zone', description: 'APAC' }, at: FRIDAY },
};
export const met = (criterionId: string): RapidActionEvent => ({
  type: 'RapidActionExitCriterionMet',
  data: { rapidActionId: ID, criterionId, evidence: 'dashboard green', by: 'dana', at: FRIDAY },
});

export const as = (actor: string, now: string) => ({ rapidActionId: ID, actor, now });

export const update = (
  actor: string,
  now: string,
  parts: Partial<Extract<RapidActionCommand, { type: 'PostUpdate' }>> = {},
): RapidActionCommand => ({
  type: 'PostUpdate',
  ...as(actor, now),
  updateId: 'u-new',
  date: null,
  posterTimeZone: 'America/New_York',
  progressSinceLastUpdate: 'Deployed the index fix',
  progressExpectedByNextUpdate: 'Measure the effect',
  blockers: null,
  praise: null,
  ...parts,
});

export const posted = (data: Partial<RapidActionUpdateData>): RapidActionEvent => ({
  type: 'RapidActionUpdatePosted',
  data: {
    rapidActionId: ID,
    updateId: 'u-1',
    date: '2026-07-20',
    scope: null,
    postedBy: 'dana',
    postedAs: 'dri',
    postedAt: '2026-07-20T15:00:00.000Z',
    progressSinceLastUpdate: 'a',
    progressExpectedByNextUpdate: 'b',
    blockers: null,
    praise: null,
    version: 1,
    amendsUpdateId: null,
    updateDueBy: '2026-07-22T04:00:00.000Z',
    ...data,
  },
});
