import { ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider, DomainEvent } from '@app/event-store/pure';
import type { WebhookEventKind } from './webhook-event-kinds.js';

export interface WebhookSubscriptionCreatedData {
  subscriptionId: string;
  name: string;
  url: string;
  eventKinds: WebhookEventKind[];
  createdBy: string;
  at: string;
}

export type WebhookSubscriptionEvent =
  | DomainEvent<'WebhookSubscriptionCreated', WebhookSubscriptionCreatedData>
  | DomainEvent<'WebhookSubscriptionDeleted', { subscriptionId: string; deletedBy: string; at: string }>;

export type WebhookSubscriptionCommand =
  | ({ type: 'CreateWebhookSubscription' } & WebhookSubscriptionCreatedData)
  | { type: 'DeleteWebhookSubscription'; subscriptionId: string; by: string; at: string };

export type WebhookSubscriptionState = 'NONE' | 'ACTIVE' | 'DELETED';

export const webhookSubscriptionStream = (subscriptionId: string) => `webhook-subscription-${subscriptionId}`;

export const webhookSubscriptionDecider: Decider<
  WebhookSubscriptionCommand,
  WebhookSubscriptionState,
  WebhookSubscriptionEvent
> = {
  initialState: () => 'NONE',
  evolve: (_, event) => (event.type === 'WebhookSubscriptionCreated' ? 'ACTIVE' : 'DELETED'),
  decide: (command, state) => {
    switch (command.type) {
      case 'CreateWebhookSubscription': {
        if (state !== 'NONE') throw new ConflictError(`Webhook subscription ${command.subscriptionId} exists`);
        const { type: _, ...data } = command;
        return [{ type: 'WebhookSubscriptionCreated', data }];
      }
      case 'DeleteWebhookSubscription':
        if (state !== 'ACTIVE') throw new NotFoundError('WebhookSubscription', command.subscriptionId);
        return [
          {
            type: 'WebhookSubscriptionDeleted',
            data: { subscriptionId: command.subscriptionId, deletedBy: command.by, at: command.at },
          },
        ];
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
};
