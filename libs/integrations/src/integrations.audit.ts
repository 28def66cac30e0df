import { Injectable } from '@nestjs/common';
import { NotFoundError, requireRole, type RequestContext } from '@app/core';
import { AuditSourceProvider, type AuditSource } from '@app/event-store';
import { integrationKeyStream } from './domain/integration-key/integration-key.events.js';
import { maintenanceWindowStream } from './domain/maintenance-window/maintenance-window.events.js';
import { IntegrationKeysProjection } from './projections/integration-keys.projection.js';
import { MaintenanceWindowsProjection } from './projections/maintenance-windows.projection.js';

/** Who created and revoked an integration key: admins only. */
@AuditSourceProvider()
@Injectable()
export class IntegrationKeyAuditSource implements AuditSource {
  readonly kind = 'integration-key';

  constructor(private readonly keys: IntegrationKeysProjection) {}

  streamFor(id: string): string {
    return integrationKeyStream(id);
  }

  assertCanAudit(context: RequestContext, id: string): void {
    requireRole(context, ['admin'], 'audit integration keys');
    if (!this.keys.find(id)) throw new NotFoundError('Integration key', id);
  }
}

/** Who scheduled and ended a maintenance window: anyone who reads the dashboards. */
@AuditSourceProvider()
@Injectable()
export class MaintenanceWindowAuditSource implements AuditSource {
  readonly kind = 'maintenance-window';

  constructor(private readonly windows: MaintenanceWindowsProjection) {}

  streamFor(id: string): string {
    return maintenanceWindowStream(id);
  }

  assertCanAudit(_context: RequestContext, id: string): void {
    if (!this.windows.find(id)) throw new NotFoundError('Maintenance window', id);
  }
}
