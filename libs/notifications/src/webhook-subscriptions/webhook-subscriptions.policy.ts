import { Injectable } from '@nestjs/common';
import { requireRole, type RequestContext } from '@app/core';

/** Outbound webhook subscriptions are service configuration: admins create, list and delete them. */
@Injectable()
export class WebhookSubscriptionsPolicy {
  mayManage(context: RequestContext): void {
    requireRole(context, ['admin'], 'manage outbound webhook subscriptions');
  }

  mayRead(context: RequestContext): void {
    requireRole(context, ['admin'], 'read outbound webhook subscriptions');
  }
}
