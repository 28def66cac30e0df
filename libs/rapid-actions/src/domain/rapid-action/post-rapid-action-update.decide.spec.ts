import { BadUserInputError, ConflictError, ForbiddenError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { rapidActionDecider } from './rapid-action.decider.js';
import type { RapidActionEvent } from './rapid-action.events.js';
import { MissingUpdatePartsError } from './update-parts.js';
import {
  ID,
  FRIDAY,
  END_OF_MONDAY_NY,
  declared,
  apacSubDri,
  as,
  update,
  posted,
} from './testing/rapid-action.fixtures.js';

const spec = deciderSpecification(rapidActionDecider);

describe('rapid action decider', () => {
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
});
