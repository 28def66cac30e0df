import { BadUserInputError, ConflictError, UnauthenticatedError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { sessionDecider } from './session.decider.js';
import type { SessionEvent, SessionStartedData } from './session.events.js';

const spec = deciderSpecification(sessionDecider);
const started: SessionStartedData = {
  sessionId: 's1',
  secretHash: 'hash',
  subject: 'r1',
  subjectKind: 'responder',
  role: 'responder',
  method: 'oidc',
  issuer: 'https://idp.example.com',
  claim: 'email',
  startedAt: '2026-07-15T12:00:00.000Z',
  expiresAt: '2026-07-16T00:00:00.000Z',
};
const startedEvent: SessionEvent = { type: 'SessionStarted', data: started };
const end = { type: 'EndSession', sessionId: 's1', reason: 'signed-out', now: '2026-07-15T13:00:00.000Z' } as const;

describe('session decider', () => {
  it('starts a session that expires within 30 days, once', () => {
    spec
      .given([])
      .when({ type: 'StartSession', ...started })
      .then([startedEvent]);
    spec
      .given([])
      .when({ type: 'StartSession', ...started, expiresAt: '2026-09-15T12:00:00.000Z' })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('expiresAt'));
    spec
      .given([])
      .when({ type: 'StartSession', ...started, expiresAt: started.startedAt })
      .thenThrows(BadUserInputError);
    spec
      .given([startedEvent])
      .when({ type: 'StartSession', ...started })
      .thenThrows(ConflictError);
  });

  it('ends a session once; ending it again records nothing', () => {
    spec
      .given([startedEvent])
      .when(end)
      .then([{ type: 'SessionEnded', data: { sessionId: 's1', reason: 'signed-out', endedAt: end.now } }]);
    spec
      .given([
        startedEvent,
        { type: 'SessionEnded', data: { sessionId: 's1', reason: 'signed-out', endedAt: end.now } },
      ])
      .when(end)
      .then([]);
    spec.given([]).when(end).thenThrows(UnauthenticatedError);
  });
});
