import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { integrationKeyDecider } from './integration-key.decider.js';
import type { IntegrationKeyCreatedData, IntegrationKeyEvent } from './integration-key.events.js';

const spec = deciderSpecification(integrationKeyDecider);
const data: IntegrationKeyCreatedData = {
  integrationKeyId: 'k1',
  name: 'prometheus',
  kind: 'ALERTMANAGER',
  serviceId: null,
  rotationId: 'r1',
  defaultSeverity: 'S2',
  keyHash: 'a'.repeat(64),
  createdAt: '2026-07-15T12:00:00.000Z',
  createdBy: 'admin-1',
};
const created: IntegrationKeyEvent = { type: 'IntegrationKeyCreated', data };
const revoke = {
  type: 'RevokeIntegrationKey',
  integrationKeyId: 'k1',
  at: '2026-07-16T00:00:00.000Z',
  by: 'admin-2',
} as const;

describe('integration key decider', () => {
  it('creates a key for a rotation or a service, with its creator', () => {
    spec
      .given([])
      .when({ type: 'CreateIntegrationKey', ...data })
      .then([created]);
    spec
      .given([])
      .when({ type: 'CreateIntegrationKey', ...data, rotationId: null, serviceId: 's1' })
      .then([{ type: 'IntegrationKeyCreated', data: { ...data, rotationId: null, serviceId: 's1' } }]);
  });

  it('needs exactly one target', () => {
    spec
      .given([])
      .when({ type: 'CreateIntegrationKey', ...data, serviceId: 's1' })
      .thenThrows(BadUserInputError);
    spec
      .given([])
      .when({ type: 'CreateIntegrationKey', ...data, rotationId: null })
      .thenThrows(BadUserInputError);
    spec
      .given([created])
      .when({ type: 'CreateIntegrationKey', ...data })
      .thenThrows(ConflictError);
  });

  it('revokes once, recording who did', () => {
    const revoked: IntegrationKeyEvent = {
      type: 'IntegrationKeyRevoked',
      data: { integrationKeyId: 'k1', revokedAt: revoke.at, revokedBy: 'admin-2' },
    };
    spec.given([created]).when(revoke).then([revoked]);
    spec.given([created, revoked]).when(revoke).thenThrows(ConflictError);
    spec.given([]).when(revoke).thenThrows(NotFoundError);
  });
});
