import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { rapidActionDecider, type RapidActionCommand } from './rapid-action.decider.js';
import type { RapidActionEvent } from './rapid-action.events.js';
import {
  ID,
  FRIDAY,
  END_OF_MONDAY_NY,
  declaredData,
  declared,
  apacSubDri,
  met,
  as,
  update,
  posted,
} from './testing/rapid-action.fixtures.js';

const spec = deciderSpecification(rapidActionDecider);

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
