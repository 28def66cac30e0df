import { ConflictError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { handoverDraftDecider, type HandoverDraftCommand } from './handover-draft.decider.js';
import type { HandoverDraftEvent } from './handover-draft.events.js';

const spec = deciderSpecification(handoverDraftDecider);

const draft = (at: string, status = 'Still down', shiftEndsAt: string | null = '2026-07-15T22:00:00.000Z') =>
  ({
    type: 'WriteDraft',
    escalationId: 'e1',
    rotationId: 'amer1',
    authorId: 'ana',
    at,
    shiftEndsAt,
    status,
    tried: 'Rolled back',
    nextSteps: 'Check migrations',
    escalationOpen: true,
  }) satisfies HandoverDraftCommand;

const written = (at: string, status = 'Still down'): HandoverDraftEvent => ({
  type: 'HandoverDraftWritten',
  data: {
    escalationId: 'e1',
    rotationId: 'amer1',
    authorId: 'ana',
    at,
    shiftEndsAt: '2026-07-15T22:00:00.000Z',
    status,
    tried: 'Rolled back',
    nextSteps: 'Check migrations',
  },
});

describe('handover draft decider', () => {
  it('takes a draft during the last hour of the shift, up to its end', () => {
    spec
      .given([])
      .when(draft('2026-07-15T21:00:00.000Z'))
      .then([written('2026-07-15T21:00:00.000Z')]);
    spec
      .given([])
      .when(draft('2026-07-15T21:59:59.000Z'))
      .then([written('2026-07-15T21:59:59.000Z')]);
  });

  it('refuses a draft before the last hour, saying when drafting opens', () => {
    spec
      .given([])
      .when(draft('2026-07-15T20:59:00.000Z'))
      .thenThrows(ConflictError, (e) => {
        expect(e.message).toContain('at 2026-07-15T21:00:00.000Z');
        expect(e.details).toEqual({
          escalationId: 'e1',
          opensAt: '2026-07-15T21:00:00.000Z',
          shiftEndsAt: '2026-07-15T22:00:00.000Z',
        });
      });
    spec
      .given([])
      .when(draft('2026-07-15T21:30:00.000Z', 's', null))
      .thenThrows(ConflictError);
  });

  it('takes a rewrite, and answers the same draft again with nothing new', () => {
    const first = written('2026-07-15T21:10:00.000Z');
    spec
      .given([first])
      .when(draft('2026-07-15T21:20:00.000Z', 'Recovering'))
      .then([written('2026-07-15T21:20:00.000Z', 'Recovering')]);
    spec.given([first]).when(draft('2026-07-15T21:20:00.000Z')).then([]);
  });

  it('refuses a draft for a closed escalation', () => {
    spec
      .given([])
      .when({ ...draft('2026-07-15T21:10:00.000Z'), escalationOpen: false })
      .thenThrows(ConflictError);
  });
});
