import { ReadModelDatabase, type RecordedEvent } from '@app/event-store';
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

  it('answers from a copy each commit refreshes: a revocation, a new token and a deactivation show at once', () => {
    const readModels = new ReadModelDatabase(':memory:');
    const tokens = new ApiTokensProjection();
    tokens.setUp(readModels.db);
    let position = 0n;
    const commit = (type: string, data: object) => {
      position += 1n;
      const recorded = { id: `e${position}`, type, data, metadata: {}, streamId: 's', revision: position, position };
      readModels.db.transaction(() => tokens.apply(recorded as unknown as RecordedEvent, readModels.db))();
      tokens.afterCommit([recorded as unknown as RecordedEvent]);
    };
    const t1 = issued('t1', '2026-12-01T09:00:00.000Z');
    commit(t1.type, t1.data);
    expect(tokens.find('t1')?.revokedAt).toBeUndefined();
    expect(tokens.find('t2')).toBeNull();
    expect(tokens.subjectDeactivatedAt('responder-1')).toBeUndefined();
    commit('ApiTokenRevoked', { tokenId: 't1', reason: 'lost laptop', revokedAt: '2026-12-02T00:00:00.000Z' });
    expect(tokens.find('t1')?.revokedAt).toBe('2026-12-02T00:00:00.000Z');
    const t2 = issued('t2', '2026-12-01T10:00:00.000Z');
    commit(t2.type, t2.data);
    expect(tokens.find('t2')).toMatchObject({ tokenId: 't2' });
    commit('ResponderDeactivated', { responderId: 'responder-1', effectiveAt: '2026-12-03T00:00:00.000Z' });
    expect(tokens.subjectDeactivatedAt('responder-1')).toBe('2026-12-03T00:00:00.000Z');
    readModels.db.close();
  });
});
