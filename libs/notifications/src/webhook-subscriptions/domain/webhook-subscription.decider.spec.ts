import { ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { webhookSubscriptionDecider, type WebhookSubscriptionEvent } from './webhook-subscription.decider.js';

const spec = deciderSpecification(webhookSubscriptionDecider);
const data = {
  subscriptionId: 'subscription-1',
  name: 'Ticketing bridge',
  url: 'https://hooks.example.com/x',
  eventKinds: ['ESCALATION_RAISED' as const],
  createdBy: 'alice-ops',
  at: '2026-07-15T12:00:00.000Z',
};
const created: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionCreated', data };
const deleted: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionDeleted',
  data: { subscriptionId: 'subscription-1', deletedBy: 'alice-ops', at: '2026-07-15T13:00:00.000Z' },
};
const remove = {
  type: 'DeleteWebhookSubscription' as const,
  subscriptionId: 'subscription-1',
  by: 'alice-ops',
  at: '2026-07-15T13:00:00.000Z',
};

describe('webhook subscription decider', () => {
  it('creates a subscription once', () => {
    spec
      .given([])
      .when({ type: 'CreateWebhookSubscription', ...data })
      .then([created]);
    spec
      .given([created])
      .when({ type: 'CreateWebhookSubscription', ...data })
      .thenThrows(ConflictError);
  });

  it('deletes an active subscription, and finds no deleted or unknown one', () => {
    spec.given([created]).when(remove).then([deleted]);
    spec.given([created, deleted]).when(remove).thenThrows(NotFoundError);
    spec.given([]).when(remove).thenThrows(NotFoundError);
  });
});
