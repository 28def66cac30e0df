import { projectionSpecification } from '@app/event-store/testing';
import type { SessionStartedData } from '../domain/session/session.events.js';
import { SessionsProjection } from './sessions.projection.js';

const ended: string[] = [];
const spec = projectionSpecification(() => {
  const projection = new SessionsProjection();
  projection.onSessionEnded((sessionId) => ended.push(sessionId));
  return projection;
});
const started = (sessionId: string, change: Partial<SessionStartedData> = {}) => ({
  type: 'SessionStarted',
  data: {
    sessionId,
    secretHash: `hash-${sessionId}`,
    subject: 'r1',
    subjectKind: 'responder',
    role: 'responder',
    method: 'oidc',
    startedAt: '2026-07-15T12:00:00.000Z',
    expiresAt: '2026-07-16T00:00:00.000Z',
    ...change,
  } satisfies SessionStartedData,
});

describe('sessions projection', () => {
  beforeEach(() => ended.splice(0));

  it('finds a session by id and marks it ended, telling its listeners after the commit', () => {
    spec
      .given([started('s1'), started('s2')])
      .when([
        { type: 'SessionEnded', data: { sessionId: 's1', reason: 'signed-out', endedAt: '2026-07-15T13:00:00.000Z' } },
      ])
      .then((sessions) => {
        expect(sessions.find('s1')).toMatchObject({ subject: 'r1', endedAt: '2026-07-15T13:00:00.000Z' });
        expect(sessions.find('s2')).toMatchObject({ secretHash: 'hash-s2', expiresAt: '2026-07-16T00:00:00.000Z' });
        expect(sessions.find('s2')?.endedAt).toBeUndefined();
        expect(sessions.find('s3')).toBeNull();
        expect(ended).toEqual(['s1']);
      });
  });

  it('tells its listeners of the open sessions signed in with a token that is revoked', () => {
    spec
      .given([
        started('s1', { method: 'api-token', tokenId: 't1', subject: 'operator:ops', subjectKind: 'operator' }),
        started('s2', { method: 'api-token', tokenId: 't2' }),
      ])
      .when([
        { type: 'ApiTokenRevoked', data: { tokenId: 't1', reason: 'lost', revokedAt: '2026-07-15T14:00:00.000Z' } },
      ])
      .then((sessions) => {
        expect(ended).toEqual(['s1']);
        expect(sessions.find('s1')).toMatchObject({ tokenId: 't1', role: 'responder' });
      });
  });
});
