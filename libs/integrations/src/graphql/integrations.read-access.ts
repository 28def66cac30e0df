import type { ReadAccessTable } from '@app/core';

/**
 * Who may read each field of the integrations context's GraphQL types (see FieldAccess in @app/core).
 * Keys and windows are read by the dashboards; who created or revoked a key by admins and managers;
 * the secret key itself, shown once when created, by admins.
 */
export const integrationsReadAccess: ReadAccessTable = {
  CreatedIntegrationKey: { admins: ['integrationKey', 'key'] },
  IntegrationKey: {
    readers: ['createdAt', 'defaultSeverity', 'id', 'kind', 'name', 'revokedAt', 'rotation', 'service'],
    leads: ['createdBy', 'revokedBy'],
  },
  IntegrationKeyConnection: { admins: ['nodes', 'pageInfo', 'totalCount'] },
  MaintenanceWindowConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  MaintenanceWindow: {
    readers: [
      'end',
      'endedAt',
      'endedBy',
      'id',
      'reason',
      'rotation',
      'scheduledAt',
      'scheduledBy',
      'service',
      'start',
    ],
  },
};
