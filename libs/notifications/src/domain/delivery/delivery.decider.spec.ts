import { deciderSpecification } from '@app/event-store/testing/pure';
import { retryDelayMs } from './backoff.js';
import { deliveryDecider, type DeliveryCommand } from './delivery.decider.js';
import type { DeliveryEvent, DeliveryFacts } from './delivery.events.js';

const spec = deciderSpecification(deliveryDecider);
const retry = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 };
const facts: DeliveryFacts = {
  deliveryId: 'd1',
  responderId: 'ana',
  contactMethodId: 'cm1',
  channel: 'EMAIL',
  address: 'ana@example.com',
  messageKind: 'PAGE',
  pageId: 'p1',
  escalationId: 'e1',
};
const T0 = '2026-07-15T10:00:00.000Z';
const start = (at = T0): DeliveryCommand => ({
  type: 'StartSend',
  facts,
  at,
  leaseUntil: new Date(Date.parse(at) + 120_000).toISOString(),
  retry,
  eventId: 'claim',
});
const started = (attempt: number, at = T0): DeliveryEvent => ({
  type: 'NotificationSendStarted',
  data: { ...facts, attempt, leaseUntil: new Date(Date.parse(at) + 120_000).toISOString(), at },
});
const outcome = (
  attempt: number,
  result: Extract<DeliveryCommand, { type: 'RecordOutcome' }>['outcome'],
): DeliveryCommand => ({
  type: 'RecordOutcome',
  facts,
  attempt,
  at: T0,
  retry,
  outcome: result,
  eventIds: (part) => `${attempt}-${part}`,
});

describe('delivery decider', () => {
  it('claims the first attempt, then records it delivered', () => {
    spec
      .given([])
      .when(start())
      .then([{ ...started(1), id: 'claim' }]);
    spec
      .given([started(1)])
      .when(outcome(1, { ok: true, externalId: 'C1:1.2' }))
      .then([
        {
          type: 'NotificationDelivered',
          id: '1-delivered',
          data: { ...facts, attempt: 1, at: T0, externalId: 'C1:1.2' },
        },
      ]);
  });

  it('does not claim a send another instance holds, until its lease runs out', () => {
    spec
      .given([started(1)])
      .when(start('2026-07-15T10:01:00.000Z'))
      .then([]);
    spec
      .given([started(1)])
      .when(start('2026-07-15T10:02:00.000Z'))
      .thenMatches((events) =>
        expect(events).toMatchObject([{ type: 'NotificationSendStarted', data: { attempt: 2 } }]),
      );
  });

  it('retries a retryable failure after a backoff with jitter, then fails for good after the last attempt', () => {
    spec
      .given([started(1)])
      .when(outcome(1, { ok: false, error: 'ECONNREFUSED', retryable: true }))
      .thenMatches((events) => {
        expect(events).toHaveLength(1);
        const retryAt = Date.parse((events[0].data as { retryAt: string }).retryAt);
        expect(retryAt - Date.parse(T0)).toBeGreaterThanOrEqual(30_000);
        expect(retryAt - Date.parse(T0)).toBeLessThanOrEqual(60_000);
      });
    spec
      .given([started(1)])
      .when(outcome(1, { ok: false, error: '550 no such user', retryable: false }))
      .thenMatches((events) =>
        expect(events.map((e) => e.type)).toEqual(['NotificationAttemptFailed', 'NotificationFailed']),
      );
    spec
      .given([started(3)])
      .when(outcome(3, { ok: false, error: 'ECONNREFUSED', retryable: true }))
      .thenMatches((events) =>
        expect(events.at(-1)).toMatchObject({ type: 'NotificationFailed', data: { attempts: 3 } }),
      );
  });

  it('gives up when every attempt was claimed and none came back', () => {
    spec
      .given([started(1), started(2), started(3)])
      .when(start('2026-07-15T11:00:00.000Z'))
      .thenMatches((events) => expect(events).toMatchObject([{ type: 'NotificationFailed', data: { attempts: 3 } }]));
  });

  it('ignores a late result of an attempt that was claimed again, and anything after the end', () => {
    spec
      .given([started(1), started(2)])
      .when(outcome(1, { ok: true }))
      .then([]);
    const delivered: DeliveryEvent = { type: 'NotificationDelivered', data: { ...facts, attempt: 1, at: T0 } };
    spec
      .given([started(1), delivered])
      .when(start('2026-07-15T12:00:00.000Z'))
      .then([]);
  });

  it('grows the backoff exponentially up to its cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(retry, 'd1', n));
    delays.forEach((delay, i) => {
      const ceiling = Math.min(600_000, 60_000 * 2 ** i);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    });
    expect(retryDelayMs(retry, 'd1', 2)).toBe(retryDelayMs(retry, 'd1', 2));
  });
});
