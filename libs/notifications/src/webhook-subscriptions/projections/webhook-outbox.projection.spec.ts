import { projectionSpecification } from '@app/event-store/testing';
import type { DueTaskScheduler } from '@app/event-store';
import { WebhookOutboxProjection } from './webhook-outbox.projection.js';

const scheduler = { runDue: () => Promise.resolve() } as unknown as DueTaskScheduler;
const spec = projectionSpecification((readModels) => new WebhookOutboxProjection(readModels, scheduler));

const created = (subscriptionId: string, eventKinds: string[]) => ({
  type: 'WebhookSubscriptionCreated',
  data: {
    subscriptionId,
    name: subscriptionId,
    url: 'https://hooks.example/in',
    eventKinds,
    createdBy: 'admin',
    at: '2026-07-15T12:00:00.000Z',
  },
});
const deleted = (subscriptionId: string) => ({
  type: 'WebhookSubscriptionDeleted',
  data: { subscriptionId, at: '2026-07-15T12:05:00.000Z' },
});
const raised = (escalationId: string) => ({ type: 'EscalationRaised', data: { escalationId, title: 'Checkout down' } });
const acknowledged = (escalationId: string) => ({
  type: 'PageAcknowledged',
  data: { escalationId, pageId: `page-${escalationId}`, responderId: 'ana' },
});

const owed = (projection: WebhookOutboxProjection) =>
  projection.db
    .prepare<[], { subscription_id: string; event_type: string; escalation: string; status: string }>(
      `SELECT subscription_id, event_type, json_extract(payload, '$.data.escalationId') AS escalation, status
         FROM webhook_deliveries ORDER BY seq`,
    )
    .all()
    .map((row) => `${row.subscription_id} ${row.event_type} ${row.escalation} ${row.status}`);

describe('webhook-outbox projection', () => {
  it('owes each source event to the subscriptions that asked for its kind, in subscription order', () => {
    spec
      .given([created('s2', ['ESCALATION_RAISED']), created('s1', ['ESCALATION_RAISED', 'ESCALATION_ACKNOWLEDGED'])])
      .when([raised('e1'), acknowledged('e1')])
      .then((projection) =>
        expect(owed(projection)).toEqual([
          's1 escalation.raised e1 PENDING',
          's2 escalation.raised e1 PENDING',
          's1 escalation.acknowledged e1 PENDING',
        ]),
      );
  });

  it('follows subscriptions created and deleted in the middle of a batch', () => {
    spec
      .given([raised('e0'), created('s1', ['ESCALATION_RAISED'])])
      .when([raised('e1'), created('s2', ['ESCALATION_RAISED']), raised('e2'), deleted('s1'), raised('e3')])
      .then((projection) =>
        expect(owed(projection)).toEqual([
          's1 escalation.raised e1 CANCELLED',
          's1 escalation.raised e2 CANCELLED',
          's2 escalation.raised e2 PENDING',
          's2 escalation.raised e3 PENDING',
        ]),
      );
  });
});
