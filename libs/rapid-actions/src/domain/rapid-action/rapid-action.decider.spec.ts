import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@app/core';
import { deciderSpecification } from '@app/event-store/testing';
import { rapidActionDecider, type RapidActionCommand } from './rapid-action.decider.js';
import type { RapidActionDeclaredData, RapidActionEvent, RapidActionUpdateData } from './rapid-action.events.js';
import { MissingUpdatePartsError } from './update-parts.js';

const spec = deciderSpecification(rapidActionDecider);

const ID = 'ra-1';
const FRIDAY = '2026-07-17T14:00:00.000Z'; // 10:00 in New York
const END_OF_MONDAY_NY = '2026-07-21T04:00:00.000Z';

const declaredData: RapidActionDeclaredData = {
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
const declared: RapidActionEvent = { type: 'RapidActionDeclared', data: declaredData };
const apacSubDri: RapidActionEvent = {
  type: 'RapidActionSubDriAssigned',
  data: { rapidActionId: ID, responderId: 'sam', scope: { kind: 'time-zone', description: 'APAC' }, at: FRIDAY },
};
const met = (criterionId: string): RapidActionEvent => ({
  type: 'RapidActionExitCriterionMet',
  data: { rapidActionId: ID, criterionId, evidence: 'dashboard green', by: 'dana', at: FRIDAY },
});

const as = (actor: string, now: string) => ({ rapidActionId: ID, actor, now });

const update = (
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

const posted = (data: Partial<RapidActionUpdateData>): RapidActionEvent => ({
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

describe('rapid action decider', () => {
  describe('declaring', () => {
    const declare: RapidActionCommand = {
      type: 'DeclareRapidAction',
      ...as('stella', FRIDAY),
      title: declaredData.title,
      problemStatement: declaredData.problemStatement,
      problems: [...declaredData.problems, '  '],
      severity: 'S1',
      issuesInScope: ['search#12'],
      stakeholderIds: ['stella', 'stella'],
      driId: 'dana',
      driTimeZone: 'America/New_York',
      confidential: false,
      exitCriteria: declaredData.exitCriteria,
    };

    it('records the declaration, with the first update due by the end of the next business day', () => {
      spec.given([]).when(declare).then([declared]);
    });

    it('needs a measurable problem and an exit criterion, and happens once', () => {
      spec
        .given([])
        .when({ ...declare, problems: [' '] })
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('problems'));
      spec
        .given([])
        .when({ ...declare, exitCriteria: [] })
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('exitCriteria'));
      spec.given([declared]).when(declare).thenThrows(ConflictError);
    });
  });

  describe('the daily status update', () => {
    it('is posted by the DRI for the whole action, dated today in the poster’s zone, and moves the deadline', () => {
      spec
        .given([declared])
        .when(update('dana', '2026-07-21T01:00:00.000Z', { blockers: 'None.', praise: 'Thanks Ana' }))
        .then([
          posted({
            updateId: 'u-new',
            date: '2026-07-20', // 21:00 on Monday in New York
            postedAt: '2026-07-21T01:00:00.000Z',
            progressSinceLastUpdate: 'Deployed the index fix',
            progressExpectedByNextUpdate: 'Measure the effect',
            praise: 'Thanks Ana',
            updateDueBy: '2026-07-22T04:00:00.000Z',
          }),
        ]);
    });

    it('is posted by a sub-DRI for their scope', () => {
      spec
        .given([declared, apacSubDri])
        .when(update('sam', '2026-07-20T02:00:00.000Z', { posterTimeZone: 'Asia/Singapore' }))
        .thenMatches(([event]) => {
          expect(event.type).toBe('RapidActionUpdatePosted');
          expect(event.data).toMatchObject({
            date: '2026-07-20',
            scope: { kind: 'time-zone', description: 'APAC' },
            postedBy: 'sam',
            postedAs: 'sub-dri',
            // the deadline is read in the DRI's zone: Sunday 22:00 in New York → end of Monday
            updateDueBy: END_OF_MONDAY_NY,
          });
        });
    });

    it('amends the update of the same date and scope, keeping the first as a version', () => {
      spec
        .given([declared, posted({})])
        .when(update('dana', '2026-07-20T20:00:00.000Z', { date: '2026-07-20' }))
        .thenMatches(([event]) => {
          expect(event.type).toBe('RapidActionUpdateAmended');
          expect(event.data).toMatchObject({ version: 2, amendsUpdateId: 'u-1' });
        });
      spec
        .given([declared, posted({}), apacSubDri])
        .when(update('sam', '2026-07-20T20:00:00.000Z', { date: '2026-07-20', posterTimeZone: 'Asia/Singapore' }))
        .thenMatches(([event]) => expect(event.type).toBe('RapidActionUpdatePosted'));
    });

    it('names every missing progress part', () => {
      spec
        .given([declared])
        .when(
          update('dana', '2026-07-20T15:00:00.000Z', {
            progressSinceLastUpdate: ' ',
            progressExpectedByNextUpdate: '',
          }),
        )
        .thenThrows(MissingUpdatePartsError, (e) => {
          expect(e.field).toBe('progressSinceLastUpdate');
          expect(e.details.missing).toEqual(['progressSinceLastUpdate', 'progressExpectedByNextUpdate']);
          expect(e.message).toMatch(/progress since last update.*progress expected by next update/);
        });
      spec
        .given([declared])
        .when(update('dana', '2026-07-20T15:00:00.000Z', { progressExpectedByNextUpdate: '' }))
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('progressExpectedByNextUpdate'));
    });

    it('refuses dates in the future or before the declaration', () => {
      spec
        .given([declared])
        .when(update('dana', '2026-07-20T15:00:00.000Z', { date: '2026-07-21' }))
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('date'));
      spec
        .given([declared])
        .when(update('dana', '2026-07-20T15:00:00.000Z', { date: '2026-07-16' }))
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('date'));
    });

    it('is refused to anyone but the DRI and sub-DRIs, and on a resolved action', () => {
      spec.given([declared]).when(update('stella', FRIDAY)).thenThrows(ForbiddenError);
      const resolved: RapidActionEvent = {
        type: 'RapidActionResolved',
        data: {
          rapidActionId: ID,
          resolvedBy: 'dana',
          resolvedAt: FRIDAY,
          summary: null,
          overriddenCriterionIds: [],
          overrideReason: null,
        },
      };
      spec
        .given([declared, resolved])
        .when(update('dana', FRIDAY))
        .thenThrows(ConflictError, (e) => expect(e.message).toMatch(/resolved: it takes no more status updates/));
    });
  });

  describe('overdue', () => {
    const markOverdue = (dueBy: string, now: string): RapidActionCommand => ({
      type: 'MarkOverdue',
      ...as('system', now),
      dueBy,
      eventId: 'overdue-id',
    });

    it('records the deadline as the moment it became overdue, once', () => {
      const overdue: RapidActionEvent = {
        type: 'RapidActionBecameOverdue',
        id: 'overdue-id',
        data: { rapidActionId: ID, dueBy: END_OF_MONDAY_NY, overdueSince: END_OF_MONDAY_NY },
      };
      spec.given([declared]).when(markOverdue(END_OF_MONDAY_NY, '2026-07-21T04:00:01.000Z')).then([overdue]);
      spec.given([declared, overdue]).when(markOverdue(END_OF_MONDAY_NY, '2026-07-22T00:00:00.000Z')).then([]);
    });

    it('does nothing before the deadline, or when an update moved it', () => {
      spec.given([declared]).when(markOverdue(END_OF_MONDAY_NY, '2026-07-21T03:59:59.999Z')).then([]);
      spec
        .given([declared, posted({})])
        .when(markOverdue(END_OF_MONDAY_NY, '2026-07-21T05:00:00.000Z'))
        .then([]);
    });

    it('recomputes the deadline in a new DRI’s zone; a deadline already passed makes it overdue at once', () => {
      const toTokyo: RapidActionCommand = {
        type: 'ChangeDri',
        ...as('dana', '2026-07-20T16:00:00.000Z'),
        driId: 'taro',
        driTimeZone: 'Asia/Tokyo',
        reason: 'follow the sun',
      };
      // Declared on Friday 23:00 in Tokyo: due by the end of Monday there, 15:00 UTC, already past
      spec
        .given([declared])
        .when(toTokyo)
        .then([
          {
            type: 'RapidActionDriChanged',
            data: {
              rapidActionId: ID,
              previousDriId: 'dana',
              driId: 'taro',
              driTimeZone: 'Asia/Tokyo',
              reason: 'follow the sun',
              changedAt: '2026-07-20T16:00:00.000Z',
              updateDueBy: '2026-07-20T15:00:00.000Z',
            },
          },
          {
            type: 'RapidActionStakeholderAdded',
            data: { rapidActionId: ID, responderId: 'dana', at: '2026-07-20T16:00:00.000Z' },
          },
          {
            type: 'RapidActionBecameOverdue',
            data: {
              rapidActionId: ID,
              dueBy: '2026-07-20T15:00:00.000Z',
              overdueSince: '2026-07-20T16:00:00.000Z',
            },
          },
        ]);
    });

    it('a new DRI who is a sub-DRI stops being one', () => {
      spec
        .given([declared, apacSubDri])
        .when({ type: 'ChangeDri', ...as('stella', FRIDAY), driId: 'sam', driTimeZone: 'Asia/Singapore', reason: null })
        .thenMatches((events) =>
          expect(events.map((e) => e.type)).toEqual([
            'RapidActionSubDriReleased',
            'RapidActionDriChanged',
            'RapidActionStakeholderAdded',
          ]),
        );
    });
  });

  describe('exit criteria and resolution', () => {
    const resolve = (override = false, overrideReason: string | null = null): RapidActionCommand => ({
      type: 'Resolve',
      ...as('dana', FRIDAY),
      summary: 'Fixed',
      overrideUnmetCriteria: override,
      overrideReason,
    });

    it('is refused while a criterion is unmet, naming it', () => {
      spec
        .given([declared, met('c1')])
        .when(resolve())
        .thenThrows(ConflictError, (e) => {
          expect(e.message).toMatch(/1 of 2 exit criteria are not met yet \("No timeouts for a week"\)/);
          expect(e.details).toEqual({ unmetCriterionIds: ['c2'] });
        });
    });

    it('is accepted once every criterion is met', () => {
      spec
        .given([declared, met('c1'), met('c2')])
        .when(resolve())
        .thenMatches(([event]) =>
          expect(event).toMatchObject({ type: 'RapidActionResolved', data: { overriddenCriterionIds: [] } }),
        );
    });

    it('is accepted by explicit override with a reason, recording the unmet criteria', () => {
      spec
        .given([declared])
        .when(resolve(true))
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('overrideReason'));
      spec
        .given([declared, met('c2')])
        .when(resolve(true, 'Superseded by the search rewrite'))
        .thenMatches(([event]) =>
          expect(event.data).toMatchObject({
            overriddenCriterionIds: ['c1'],
            overrideReason: 'Superseded by the search rewrite',
          }),
        );
    });

    it('a criterion met again needs new evidence; unmet again only when met', () => {
      spec
        .given([declared, met('c1')])
        .when({ type: 'MarkExitCriterionMet', ...as('dana', FRIDAY), criterionId: 'c1', evidence: 'dashboard green' })
        .then([]);
      spec
        .given([declared])
        .when({ type: 'MarkExitCriterionUnmet', ...as('dana', FRIDAY), criterionId: 'c1', reason: 'regressed' })
        .then([]);
      spec
        .given([declared])
        .when({ type: 'MarkExitCriterionMet', ...as('dana', FRIDAY), criterionId: 'nope', evidence: 'x' })
        .thenThrows(NotFoundError);
    });

    it('follow-ups, the retrospective and making public come after resolution', () => {
      spec
        .given([declared])
        .when({ type: 'MakePublic', ...as('dana', FRIDAY), reason: null })
        .thenThrows(ConflictError);
      spec
        .given([declared])
        .when({
          type: 'RecordFollowUps',
          ...as('dana', FRIDAY),
          followUps: [{ followUpId: 'f', description: 'x', issueUrl: null, ownerId: null }],
        })
        .thenThrows(ConflictError);
    });
  });

  describe('revising the problem', () => {
    it('records only what changed; absent or null means unchanged', () => {
      const revise = (changes: Record<string, unknown>): RapidActionCommand => ({
        type: 'ReviseRapidAction',
        ...as('dana', FRIDAY),
        changes,
      });
      spec
        .given([declared])
        .when(revise({ title: null, severity: 'S1', problems: [' p95 is 1.2 s ', ''] }))
        .then([
          {
            type: 'RapidActionRevised',
            data: { rapidActionId: ID, changes: { problems: ['p95 is 1.2 s'] }, revisedAt: FRIDAY },
          },
        ]);
      spec
        .given([declared])
        .when(revise({ title: ' Search latency ' }))
        .then([]);
      spec
        .given([declared])
        .when(revise({ problems: [' '] }))
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('problems'));
    });
  });

  describe('the team', () => {
    it('refuses the DRI as a sub-DRI, and ignores a repeated assignment', () => {
      spec
        .given([declared])
        .when({
          type: 'AssignSubDri',
          ...as('dana', FRIDAY),
          responderId: 'dana',
          scope: { kind: 'part', description: 'A' },
        })
        .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('responderId'));
      spec
        .given([declared, apacSubDri])
        .when({
          type: 'AssignSubDri',
          ...as('dana', FRIDAY),
          responderId: 'sam',
          scope: { kind: 'time-zone', description: 'apac ' },
        })
        .then([]);
    });
  });
});
