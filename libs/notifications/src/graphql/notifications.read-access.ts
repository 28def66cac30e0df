import type { ReadAccessTable } from '@app/core';

/**
 * Who may read each field of the notifications context's GraphQL types (see FieldAccess in @app/core).
 * Contact methods and rules are further limited by NotificationsAccessPolicy to the responder,
 * managers and admins; where a message went (an address) is for admins and managers; webhook
 * subscriptions and secrets shown once are for admins.
 */
export const notificationsReadAccess: ReadAccessTable = {
  AddedContactMethod: { readers: ['address', 'id', 'kind', 'signingSecret', 'verified', 'verifiedAt'] },
  ContactMethod: { readers: ['address', 'id', 'kind', 'verified', 'verifiedAt'] },
  CreatedWebhookSubscription: { admins: ['secret', 'subscription'] },
  Notification: {
    readers: ['attempts', 'channel', 'dueAt', 'id', 'kind', 'lastError', 'recipient', 'sentAt', 'state'],
    leads: ['destination'],
  },
  NotificationRule: { readers: ['contactMethod', 'delayMinutes'] },
  OnCallShift: { readers: ['reachable'] },
  Page: { readers: ['notifications'] },
  Responder: { readers: ['contactMethods', 'notificationRules', 'onCallReminderMinutes', 'reachable'] },
  WebhookDelivery: {
    admins: [
      'attempts',
      'createdAt',
      'deliveredAt',
      'eventType',
      'id',
      'lastAttemptAt',
      'lastError',
      'lastStatusCode',
      'nextAttemptAt',
      'sourceEventId',
      'state',
    ],
  },
  WebhookDeliveryConnection: { admins: ['nodes', 'pageInfo', 'totalCount'] },
  WebhookSubscription: { admins: ['createdAt', 'createdBy', 'deliveries', 'eventKinds', 'id', 'name', 'url'] },
  WebhookSubscriptionConnection: { admins: ['nodes', 'pageInfo', 'totalCount'] },
};
