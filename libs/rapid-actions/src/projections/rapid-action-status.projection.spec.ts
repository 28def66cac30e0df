import { projectionSpecification } from '@app/event-store/testing';
import type { RapidActionEvent } from '../domain/rapid-action/rapid-action.events.js';
import { declared, END_OF_MONDAY_NY, ID, posted } from '../domain/rapid-action/testing/rapid-action.fixtures.js';
import { RapidActionAccessPolicy } from '../rapid-action-access.policy.js';
import { loadRapidAction, RapidActionStatusProjection } from './rapid-action-status.projection.js';
import { RapidActionStatusQueries } from './rapid-action-status.queries.js';

const spec = projectionSpecification(() => new RapidActionStatusProjection());
const overdue: RapidActionEvent = {
  type: 'RapidActionBecameOverdue',
  data: { rapidActionId: ID, dueBy: END_OF_MONDAY_NY, overdueSince: END_OF_MONDAY_NY },
};

describe('rapid-action-status projection', () => {
  it('folds each action with the decider and offers it as due once its update deadline passes', () => {
    spec.given([declared]).then((_, readModels) => {
      expect(loadRapidAction(readModels.db, ID)).toMatchObject({ rapidActionId: ID, state: 'open', driId: 'dana' });
      const queries = new RapidActionStatusQueries(readModels, new RapidActionAccessPolicy());
      expect(queries.dueForOverdue(new Date('2026-07-21T03:59:59Z'), 10)).toEqual([]);
      expect(queries.dueForOverdue(new Date(END_OF_MONDAY_NY), 10)).toEqual([
        { rapidActionId: ID, dueBy: END_OF_MONDAY_NY },
      ]);
    });
  });

  it('is no longer due once marked overdue', () => {
    spec
      .given([declared])
      .when([overdue])
      .then((_, readModels) => {
        const queries = new RapidActionStatusQueries(readModels, new RapidActionAccessPolicy());
        expect(queries.dueForOverdue(new Date('2026-07-30T00:00:00Z'), 10)).toEqual([]);
      });
  });

  it('keeps every version of an update, only the latest current', () => {
    spec
      .given([declared, posted({ updateId: 'u-1' })])
      .when([
        {
          ...posted({
            updateId: 'u-2',
            version: 2,
            amendsUpdateId: 'u-1',
            postedAt: '2026-07-20T16:00:00.000Z',
            progressSinceLastUpdate: 'fixed',
          }),
          type: 'RapidActionUpdateAmended',
        },
      ])
      .then((_, readModels) => {
        const action = loadRapidAction(readModels.db, ID)!;
        const updates = new RapidActionStatusQueries(readModels, new RapidActionAccessPolicy()).updatesOf(action);
        expect(updates.map((u) => [u.updateId, u.current])).toEqual([
          ['u-2', true],
          ['u-1', false],
        ]);
      });
  });
});
