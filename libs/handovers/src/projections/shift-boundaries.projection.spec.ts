import { projectionSpecification } from '@app/event-store/testing';
import type { HandoverEvent, ShiftBoundaryData } from '../domain/handover/handover.events.js';
import { HandoverQueries } from './handover.queries.js';
import { ShiftBoundariesProjection } from './shift-boundaries.projection.js';

const spec = projectionSpecification(() => new ShiftBoundariesProjection());
const boundary = (boundaryId: string, rotationId: string, at: string): HandoverEvent => {
  const data: ShiftBoundaryData = {
    boundaryId,
    rotationId,
    at,
    outgoingIds: ['ana'],
    incomingIds: ['ben'],
    handOverBy: at,
    items: [{ escalationId: 'e1', driId: 'ana', severity: 'S1', state: 'ACKNOWLEDGED', title: 'Down' }],
  };
  return { type: 'ShiftBoundaryRecorded', data };
};

describe('shift-boundaries projection', () => {
  it('knows each rotation’s latest boundary, whatever order boundaries were recorded in', () => {
    spec
      .given([boundary('b2', 'amer', '2026-07-15T22:00:00.000Z'), boundary('b1', 'amer', '2026-07-15T10:00:00.000Z')])
      .when([boundary('b3', 'emea', '2026-07-15T06:00:00.000Z')])
      .then((boundaries) => {
        expect(boundaries.latestBoundaryAt('amer')).toBe('2026-07-15T22:00:00.000Z');
        expect(boundaries.latestBoundaryAt('emea')).toBe('2026-07-15T06:00:00.000Z');
        expect(boundaries.latestBoundaryAt('apac')).toBeUndefined();
      });
  });

  it('stops flagging the items of an escalation once it is resolved, whichever batch recorded them', () => {
    const resolved = (escalationId: string) => ({ type: 'EscalationResolved', data: { escalationId } });
    spec
      .given([resolved('e0'), boundary('b1', 'amer', '2026-07-15T10:00:00.000Z')])
      .when([boundary('b2', 'amer', '2026-07-15T22:00:00.000Z'), resolved('e2'), resolved('e1')])
      .then((boundaries, readModels) => {
        const queries = new HandoverQueries(readModels, boundaries);
        expect(queries.itemsToFlag(new Date('2026-07-16T00:00:00Z'), 10)).toEqual([]);
      });
    spec
      .given([resolved('e0'), boundary('b1', 'amer', '2026-07-15T10:00:00.000Z')])
      .when([resolved('e2')])
      .then((boundaries, readModels) =>
        expect(new HandoverQueries(readModels, boundaries).itemsToFlag(new Date('2026-07-16T00:00:00Z'), 10)).toEqual([
          { boundaryId: 'b1', escalationId: 'e1', dueAt: '2026-07-15T10:00:00.000Z' },
        ]),
      );
  });
});
