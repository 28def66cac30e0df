import { ConflictError, NotFoundError } from '@app/core/pure';
import { deterministicId } from '@app/event-store/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { handoverDecider, type HandoverCommand } from './handover.decider.js';
import type { HandoverEvent, ShiftBoundaryData } from './handover.events.js';

const spec = deciderSpecification(handoverDecider);

const boundary: ShiftBoundaryData = {
  boundaryId: 'b1',
  rotationId: 'amer1',
  at: '2026-07-15T22:00:00.000Z',
  outgoingIds: ['ana'],
  incomingIds: ['ben'],
  handOverBy: '2026-07-15T22:30:00.000Z',
  items: [{ escalationId: 'e1', driId: 'ana', severity: 'S1', state: 'ACKNOWLEDGED', title: 'Down' }],
};
const recorded: HandoverEvent = { type: 'ShiftBoundaryRecorded', data: boundary };
const accept = (driId: string, escalationOpen = true): HandoverCommand => ({
  type: 'Accept',
  boundaryId: 'b1',
  items: [{ escalationId: 'e1', escalationOpen }],
  acceptedBy: 'ben',
  driId,
  at: '2026-07-15T22:10:00.000Z',
});
const accepted: HandoverEvent = {
  type: 'HandoverItemAccepted',
  data: { boundaryId: 'b1', escalationId: 'e1', acceptedBy: 'ben', driId: 'ben', at: '2026-07-15T22:10:00.000Z' },
};
const summary = (escalationId = 'e1', escalationOpen = true): HandoverCommand => ({
  type: 'WriteSummary',
  boundaryId: 'b1',
  escalationId,
  authorId: 'ana',
  at: '2026-07-15T22:05:00.000Z',
  status: 's',
  tried: 't',
  nextSteps: 'n',
  escalationOpen,
});

describe('handover decider', () => {
  it('records a boundary once', () => {
    spec
      .given([])
      .when({ type: 'RecordBoundary', eventId: 'id-1', ...boundary })
      .then([{ type: 'ShiftBoundaryRecorded', id: 'id-1', data: boundary }]);
    spec
      .given([recorded])
      .when({ type: 'RecordBoundary', eventId: 'id-1', ...boundary })
      .then([]);
  });

  it('attaches the drafts of its items when the boundary is recorded, and no others', () => {
    const draft = { authorId: 'ana', at: '2026-07-15T21:30:00.000Z', status: 's', tried: 't', nextSteps: 'n' };
    spec
      .given([])
      .when({
        type: 'RecordBoundary',
        eventId: 'id-1',
        ...boundary,
        drafts: [
          { escalationId: 'e1', ...draft },
          { escalationId: 'e9', ...draft },
        ],
      })
      .then([
        { type: 'ShiftBoundaryRecorded', id: 'id-1', data: boundary },
        {
          type: 'HandoverSummaryWritten',
          id: deterministicId('id-1', 'draft', 'e1'),
          data: { boundaryId: 'b1', escalationId: 'e1', ...draft, fromDraft: true },
        },
      ]);
  });

  it('takes a summary for an item of the boundary, not for others or closed ones', () => {
    spec
      .given([recorded])
      .when(summary())
      .then([
        {
          type: 'HandoverSummaryWritten',
          data: {
            boundaryId: 'b1',
            escalationId: 'e1',
            authorId: 'ana',
            at: '2026-07-15T22:05:00.000Z',
            status: 's',
            tried: 't',
            nextSteps: 'n',
          },
        },
      ]);
    spec.given([recorded]).when(summary('e2')).thenThrows(NotFoundError);
    spec.given([recorded]).when(summary('e1', false)).thenThrows(ConflictError);
    spec.given([recorded, accepted]).when(summary()).thenThrows(ConflictError);
  });

  it('accepts an item once; the same acceptance again is done, another one is refused', () => {
    spec.given([recorded]).when(accept('ben')).then([accepted]);
    spec.given([recorded, accepted]).when(accept('ben')).then([]);
    spec
      .given([recorded, accepted])
      .when(accept('cai'))
      .thenThrows(ConflictError, (e) => expect(e.details).toEqual({ escalationId: 'e1', acceptedBy: 'ben' }));
    spec.given([recorded]).when(accept('ben', false)).thenThrows(ConflictError);
  });

  it('flags an item not handed over in time, once, and not one accepted or closed', () => {
    const flag = (escalationOpen = true): HandoverCommand => ({
      type: 'FlagOverdue',
      boundaryId: 'b1',
      escalationId: 'e1',
      at: boundary.handOverBy,
      stepId: 'overdue-step',
      escalationOpen,
    });
    const overdue: HandoverEvent = {
      type: 'HandoverItemOverdue',
      id: deterministicId('overdue-step', 'overdue'),
      data: { boundaryId: 'b1', escalationId: 'e1', at: boundary.handOverBy },
    };
    spec.given([recorded]).when(flag()).then([overdue]);
    spec.given([recorded, overdue]).when(flag()).then([]);
    spec.given([recorded, accepted]).when(flag()).then([]);
    spec.given([recorded]).when(flag(false)).then([]);
  });
});
