import { Injectable } from '@nestjs/common';
import { requireRole, type RequestContext } from '@app/core';

/** Integration keys are an admin's business; maintenance windows are set by admins and managers. */
@Injectable()
export class IntegrationsPolicy {
  assertCanManageKeys(context: RequestContext, what = 'manage integration keys'): void {
    requireRole(context, ['admin'], what);
  }

  assertCanManageMaintenanceWindows(context: RequestContext): void {
    requireRole(context, ['admin', 'manager'], 'schedule or end maintenance windows');
  }
}
