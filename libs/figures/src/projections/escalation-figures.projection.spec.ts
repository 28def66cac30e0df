import { projectionSpecification } from '@app/event-store/testing';
import { EscalationFiguresProjection } from './escalation-figures.projection.js';

const spec = projectionSpecification(() => new EscalationFiguresProjection());
const raised = (escalationId: string, raisedAt: string) => ({
  type: 'EscalationRaised',
  data: { escalationId, rotationId: 'amer', raisedAt, policy: { ackSloMinutes: 15 } },
});
const acknowledged = (escalationId: string, at: string) => ({ type: 'PageAcknowledged', data: { escalationId, at } });

describe('escalation-figures projection', () => {
  it('keeps one row per escalation with its SLO, oldest first, within the range asked', () => {
    spec.given([raised('e2', '2026-07-02T10:00:00.000Z'), raised('e1', '2026-07-01T10:00:00.000Z')]).then((figures) => {
      expect(figures.raisedBetween(new Date('2026-07-01T00:00:00Z'), new Date('2026-07-03T00:00:00Z'))).toEqual([
        {
          escalationId: 'e1',
          rotationId: 'amer',
          raisedAt: Date.parse('2026-07-01T10:00:00Z'),
          ackSloSeconds: 900,
          secondsToAcknowledge: null,
        },
        {
          escalationId: 'e2',
          rotationId: 'amer',
          raisedAt: Date.parse('2026-07-02T10:00:00Z'),
          ackSloSeconds: 900,
          secondsToAcknowledge: null,
        },
      ]);
      expect(figures.raisedBetween(new Date('2026-07-01T10:00:00.001Z'), new Date('2026-07-02T10:00:00Z'))).toEqual([]);
    });
  });

  it('counts the first acknowledgement only, and follows a reroute to another rotation', () => {
    spec
      .given([raised('e1', '2026-07-01T10:00:00.000Z')])
      .when([
        acknowledged('e1', '2026-07-01T10:04:00.000Z'),
        acknowledged('e1', '2026-07-01T10:30:00.000Z'),
        { type: 'EscalationRerouted', data: { escalationId: 'e1', rotationId: 'emea' } },
        acknowledged('unknown', '2026-07-01T10:05:00.000Z'),
      ])
      .then((figures) => {
        expect(figures.raisedBetween(new Date('2026-07-01T00:00:00Z'), new Date('2026-07-02T00:00:00Z'))).toEqual([
          expect.objectContaining({ escalationId: 'e1', rotationId: 'emea', secondsToAcknowledge: 240 }),
        ]);
      });
  });
});
