import { deterministicId } from '@app/event-store/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { webhookDeliveryDecider, type WebhookDeliveryEvent } from './webhook-delivery.decider.js';

const spec = deciderSpecification(webhookDeliveryDecider);
const ids = { deliveryId: 'delivery-1', subscriptionId: 'subscription-1' };

const claimed = (attempt: number, leaseUntil = '2026-07-15T12:01:00.000Z'): WebhookDeliveryEvent => ({
  type: 'WebhookDeliveryClaimed',
  data: { ...ids, attempt, at: '2026-07-15T12:00:00.000Z', leaseUntil },
});
const attempted = (attempt: number, outcome: 'DELIVERED' | 'RETRYING' | 'FAILED'): WebhookDeliveryEvent => ({
  type: 'WebhookDeliveryAttempted',
  data: {
    ...ids,
    attempt,
    at: '2026-07-15T12:00:01.000Z',
    outcome,
    statusCode: outcome === 'DELIVERED' ? 204 : 503,
    error: outcome === 'DELIVERED' ? null : 'The receiver answered 503',
    nextAttemptAt: outcome === 'RETRYING' ? '2026-07-15T12:00:30.000Z' : null,
  },
});
const claim = (attempt: number, at = '2026-07-15T12:00:00.000Z') => ({
  type: 'ClaimAttempt' as const,
  ...ids,
  attempt,
  at,
  leaseUntil: '2026-07-15T12:01:00.000Z',
});
const record = (attempt: number, outcome: 'DELIVERED' | 'RETRYING' | 'FAILED') => ({
  type: 'RecordAttempt' as const,
  ...(attempted(attempt, outcome).data as Extract<WebhookDeliveryEvent, { type: 'WebhookDeliveryAttempted' }>['data']),
});

describe('webhook delivery decider', () => {
  it('claims the first attempt of a new delivery', () => {
    spec
      .given([])
      .when(claim(1))
      .then([claimed(1)]);
  });

  it('lets one instance hold an attempt until its lease ends, then another take it over', () => {
    spec
      .given([claimed(1)])
      .when(claim(1))
      .then([]);
    spec
      .given([claimed(1)])
      .when(claim(1, '2026-07-15T12:01:00.001Z'))
      .then(
        [claimed(1)].map((e) => ({
          ...e,
          data: { ...e.data, at: '2026-07-15T12:01:00.001Z' },
        })),
      );
  });

  it('records an attempt once, with an id derived from the delivery and the attempt', () => {
    spec
      .given([claimed(1)])
      .when(record(1, 'RETRYING'))
      .then([{ ...attempted(1, 'RETRYING'), id: deterministicId('delivery-1', 'attempt', '1') }]);
    spec
      .given([claimed(1), attempted(1, 'RETRYING')])
      .when(record(1, 'RETRYING'))
      .then([]);
  });

  it('claims the next attempt after a retryable failure only', () => {
    spec
      .given([claimed(1), attempted(1, 'RETRYING')])
      .when(claim(2))
      .then([claimed(2)]);
    spec
      .given([claimed(1), attempted(1, 'RETRYING')])
      .when(claim(1))
      .then([]);
  });

  it('does nothing more once delivered or failed', () => {
    spec
      .given([claimed(1), attempted(1, 'DELIVERED')])
      .when(claim(2))
      .then([]);
    spec
      .given([claimed(1), attempted(1, 'FAILED')])
      .when(claim(2))
      .then([]);
    spec
      .given([claimed(1), attempted(1, 'FAILED')])
      .when(record(2, 'DELIVERED'))
      .then([]);
  });
});
