import { projectionSpecification } from '../testing/projection-specification.js';
import { EventHistoryProjection } from './event-history.projection.js';
import { EventHistoryQuery } from './event-history.query.js';

const spec = projectionSpecification(() => new EventHistoryProjection());
const at = (occurredAt: string, actor = 'manager-1') => ({ occurredAt, actor, correlationId: `c-${occurredAt}` });

describe('event-history projection', () => {
  it('keeps each stream’s events in order with who did them and when', () => {
    spec
      .given([
        {
          type: 'RotationCreated',
          data: { name: 'AMER' },
          streamId: 'rotation-1',
          metadata: at('2026-07-01T00:00:00Z'),
        },
        {
          type: 'ResponderRegistered',
          data: { name: 'Ana' },
          streamId: 'responder-1',
          metadata: at('2026-07-01T01:00:00Z'),
        },
      ])
      .when([
        {
          type: 'RotationRenamed',
          data: { name: 'AMER 1' },
          streamId: 'rotation-1',
          metadata: at('2026-07-02T00:00:00Z', 'admin'),
        },
      ])
      .then((_, readModels) => {
        const history = new EventHistoryQuery(readModels);
        expect(
          history.forStream('rotation-1').map(({ type, revision, actor, data }) => ({ type, revision, actor, data })),
        ).toEqual([
          { type: 'RotationCreated', revision: 0, actor: 'manager-1', data: { name: 'AMER' } },
          { type: 'RotationRenamed', revision: 1, actor: 'admin', data: { name: 'AMER 1' } },
        ]);
        expect(history.forStreamAsOf('rotation-1', new Date('2026-07-01T12:00:00Z')).map((e) => e.type)).toEqual([
          'RotationCreated',
        ]);
        expect(history.forStream('rotation-2')).toEqual([]);
      });
  });
});
