import { projectionSpecification } from '@app/event-store/testing';
import type { ApiTokenEvent, ApiTokenIssuedData } from '../domain/api-token/api-token.events.js';
import { ApiTokensProjection } from './api-tokens.projection.js';

const spec = projectionSpecification(() => new ApiTokensProjection());
const issued = (tokenId: string, issuedAt: string, change: Partial<ApiTokenIssuedData> = {}): ApiTokenEvent => ({
  type: 'ApiTokenIssued',
  data: {
    tokenId,
    subject: 'operator:ops',
    subjectKind: 'operator',
    role: 'admin',
    label: 'first admin',
    issuedAt,
    expiresAt: '2027-01-01T00:00:00.000Z',
    ...change,
  },
});

describe('api-tokens projection', () => {
  it('lists issued tokens, oldest first', () => {
    spec
      .given([
        issued('t2', '2026-12-01T10:00:00.000Z', { subject: 'display:lobby', subjectKind: 'display', role: 'viewer' }),
        issued('t1', '2026-12-01T09:00:00.000Z'),
      ])
      .then((tokens) => {
        expect(tokens.all().map((t) => t.tokenId)).toEqual(['t1', 't2']);
        expect(tokens.find('t2')).toMatchObject({ subject: 'display:lobby', role: 'viewer' });
        expect(tokens.find('t3')).toBeNull();
      });
  });

  it('marks a revoked token with when and why', () => {
    spec
      .given([issued('t1', '2026-12-01T09:00:00.000Z')])
      .when([
        {
          type: 'ApiTokenRevoked',
          data: { tokenId: 't1', reason: 'lost laptop', revokedAt: '2026-12-02T00:00:00.000Z' },
        },
      ])
      .then((tokens) =>
        expect(tokens.find('t1')).toMatchObject({ revokedAt: '2026-12-02T00:00:00.000Z', revokeReason: 'lost laptop' }),
      );
  });
});
