import { Injectable } from '@nestjs/common';
import { decodeCursor, NotFoundError, toPage, type CursorKey, type Page } from '@app/core';
import { cachedStatement } from '@app/event-store';
import type { WebhookEventKind } from '../domain/webhook-event-kinds.js';
import { WebhookOutboxProjection } from './webhook-outbox.projection.js';

export interface WebhookSubscriptionRow {
  subscriptionId: string;
  name: string;
  url: string;
  eventKinds: WebhookEventKind[];
  createdBy: string;
  createdAt: string;
}

export const WEBHOOK_DELIVERY_STATES = ['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATES)[number];

export interface WebhookDeliveryRow {
  seq: number;
  deliveryId: string;
  subscriptionId: string;
  sourceEventId: string;
  eventType: string;
  payload: string;
  createdAt: string;
  dueAt: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

const DELIVERY_COLUMNS = `seq, delivery_id AS deliveryId, subscription_id AS subscriptionId,
  source_event_id AS sourceEventId, event_type AS eventType, payload, created_at AS createdAt, due_at AS dueAt,
  status, attempts, last_status_code AS lastStatusCode, last_error AS lastError,
  last_attempt_at AS lastAttemptAt, delivered_at AS deliveredAt`;

const SUBSCRIPTION_COLUMNS = `subscription_id AS subscriptionId, name, url, event_kinds AS eventKinds,
  created_by AS createdBy, created_at AS createdAt`;

type RawSubscription = Omit<WebhookSubscriptionRow, 'eventKinds'> & { eventKinds: string };

const toSubscription = (row: RawSubscription): WebhookSubscriptionRow => ({
  ...row,
  eventKinds: JSON.parse(row.eventKinds) as WebhookEventKind[],
});

/** Reads of the webhook outbox: subscriptions (deleted ones are gone) and their deliveries. */
@Injectable()
export class WebhookSubscriptionQueries {
  constructor(private readonly outbox: WebhookOutboxProjection) {}

  subscription(subscriptionId: string): WebhookSubscriptionRow {
    const row = cachedStatement<[string], RawSubscription>(
      this.outbox.db,
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE subscription_id = ? AND deleted_at IS NULL`,
    ).get(subscriptionId);
    if (!row) throw new NotFoundError('WebhookSubscription', subscriptionId);
    return toSubscription(row);
  }

  subscriptions(first: number, after?: string): Page<WebhookSubscriptionRow> {
    const [createdAt, id] = decodeCursorOrStart(after, ['', '']);
    const rows = cachedStatement<[string, string, string, number], RawSubscription>(
      this.outbox.db,
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions
        WHERE deleted_at IS NULL AND (created_at > ? OR (created_at = ? AND subscription_id > ?))
        ORDER BY created_at, subscription_id LIMIT ?`,
    ).all(String(createdAt), String(createdAt), String(id), first + 1);
    const total = cachedStatement<[], { n: number }>(
      this.outbox.db,
      'SELECT COUNT(*) AS n FROM webhook_subscriptions WHERE deleted_at IS NULL',
    ).get()!.n;
    return toPage(rows, first, total, (r) => [r.createdAt, r.subscriptionId], toSubscription);
  }

  /** Newest first. */
  deliveries(
    subscriptionId: string,
    first: number,
    after?: string,
    status?: WebhookDeliveryStatus,
  ): Page<WebhookDeliveryRow> {
    const [before] = decodeCursorOrStart(after, [Number.MAX_SAFE_INTEGER]);
    const rows = cachedStatement<[string, number, string | null, string | null, number], WebhookDeliveryRow>(
      this.outbox.db,
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
        WHERE subscription_id = ? AND seq < ? AND (? IS NULL OR status = ?) ORDER BY seq DESC LIMIT ?`,
    ).all(subscriptionId, Number(before), status ?? null, status ?? null, first + 1);
    const total = cachedStatement<[string, string | null, string | null], { n: number }>(
      this.outbox.db,
      'SELECT COUNT(*) AS n FROM webhook_deliveries WHERE subscription_id = ? AND (? IS NULL OR status = ?)',
    ).get(subscriptionId, status ?? null, status ?? null)!.n;
    return toPage(
      rows,
      first,
      total,
      (r) => [r.seq],
      (r) => r,
    );
  }

  delivery(deliveryId: string): WebhookDeliveryRow | undefined {
    return cachedStatement<[string], WebhookDeliveryRow>(
      this.outbox.db,
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE delivery_id = ?`,
    ).get(deliveryId);
  }

  /** Deliveries due now, oldest first; their subscription's URL with them. */
  due(now: Date, limit: number): (WebhookDeliveryRow & { url: string })[] {
    return cachedStatement<[string, number], WebhookDeliveryRow & { url: string }>(
      this.outbox.db,
      `SELECT ${DELIVERY_COLUMNS}, s.url FROM webhook_deliveries
         JOIN (SELECT subscription_id AS sid, url, deleted_at FROM webhook_subscriptions) s ON s.sid = subscription_id
        WHERE status = 'PENDING' AND due_at <= ? AND s.deleted_at IS NULL ORDER BY due_at, seq LIMIT ?`,
    ).all(now.toISOString(), limit);
  }
}

function decodeCursorOrStart(after: string | undefined, start: CursorKey): CursorKey {
  return after === undefined ? start : decodeCursor(after, start.length);
}
