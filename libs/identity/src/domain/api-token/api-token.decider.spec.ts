import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { apiTokenDecider } from './api-token.decider.js';
import type { ApiTokenEvent, ApiTokenIssuedData } from './api-token.events.js';

const spec = deciderSpecification(apiTokenDecider);
const issued: ApiTokenIssuedData = {
  tokenId: 't1',
  subject: 'ops',
  subjectKind: 'operator',
  role: 'admin',
  label: 'first admin',
  issuedAt: '2026-11-22T00:00:00.000Z',
  expiresAt: '2027-02-20T00:00:00.000Z',
};
const issuedEvent: ApiTokenEvent = { type: 'ApiTokenIssued', data: issued };

describe('API token decider', () => {
  it('issues a token that expires', () => {
    spec
      .given([])
      .when({ type: 'IssueApiToken', ...issued })
      .then([issuedEvent]);
    spec
      .given([])
      .when({ type: 'IssueApiToken', ...issued, expiresAt: '2030-01-01T00:00:00.000Z' })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('expiresInDays'));
  });

  it('gives integrations only the integration role', () => {
    spec
      .given([])
      .when({ type: 'IssueApiToken', ...issued, subjectKind: 'integration', role: 'admin' })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('role'));
  });

  it('gives displays only the viewer role', () => {
    spec
      .given([])
      .when({ type: 'IssueApiToken', ...issued, subject: 'display:lobby', subjectKind: 'display', role: 'viewer' })
      .then([
        {
          type: 'ApiTokenIssued',
          data: { ...issued, subject: 'display:lobby', subjectKind: 'display', role: 'viewer' },
        },
      ]);
    spec
      .given([])
      .when({ type: 'IssueApiToken', ...issued, subject: 'display:lobby', subjectKind: 'display', role: 'manager' })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('role'));
  });

  it('revokes once', () => {
    const revoke = { type: 'RevokeApiToken', tokenId: 't1', reason: 'left', now: '2026-12-01T00:00:00.000Z' } as const;
    spec
      .given([issuedEvent])
      .when(revoke)
      .then([
        { type: 'ApiTokenRevoked', data: { tokenId: 't1', reason: 'left', revokedAt: '2026-12-01T00:00:00.000Z' } },
      ]);
    spec
      .given([issuedEvent, { type: 'ApiTokenRevoked', data: { tokenId: 't1', reason: 'x', revokedAt: 'y' } }])
      .when(revoke)
      .thenThrows(ConflictError);
    spec.given([]).when(revoke).thenThrows(NotFoundError);
  });
});
