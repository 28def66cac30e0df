import { Injectable } from '@nestjs/common';
import { requireRole, type RequestContext } from '@app/core';

/** Outbound webhook subscriptions are service configuration: admins create, list and delete them. */
@Injectable()
export class WebhookSubscriptionsPolicy {
  assertCanManage(context: RequestContext): void {
    requireRole(context, ['admin'], 'manage outbound webhook subscriptions');
  }

  assertCanRead(context: RequestContext): void {
    requireRole(context, ['admin'], 'read outbound webhook subscriptions');
  }
}
