import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  deterministicId,
  DueTaskScheduler,
  READ_MODEL_DATABASE,
  ReadModelDatabase,
  ReadModelProjection,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
import type { WebhookDeliveryEvent } from '../domain/webhook-delivery.decider.js';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook-event-kinds.js';
import type { WebhookSubscriptionEvent } from '../domain/webhook-subscription.decider.js';

/**
 * Outbound webhook subscriptions and what is owed to each: every source event of a kind a
 * subscription asked for (public rapid actions only) becomes one delivery, due at once, with an
 * id derived from the event and the subscription (the receiver's webhook-id). Attempt events move
 * a delivery on: delivered, due again later, or failed.
 */
@ReadModelProjection()
@Injectable()
export class WebhookOutboxProjection implements Projection {
  readonly name = 'webhook-outbox';
  readonly version = 1;
  private queued = false;
  /** The subscriptions not deleted, in id order, as the table holds them: read once, dropped when they change. */
  private active?: Array<{ subscriptionId: string; kinds: Set<string> }>;

  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase,
    private readonly scheduler: DueTaskScheduler,
  ) {}

  setUp(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS webhook_subscriptions (
        subscription_id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL, event_kinds TEXT NOT NULL,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL, deleted_at TEXT) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS webhook_confidential_rapid_actions (rapid_action_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id TEXT NOT NULL UNIQUE, subscription_id TEXT NOT NULL, source_event_id TEXT NOT NULL,
        event_type TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL, due_at TEXT NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_status_code INTEGER, last_error TEXT,
        last_attempt_at TEXT, delivered_at TEXT);
      CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (due_at) WHERE status = 'PENDING';
      CREATE INDEX IF NOT EXISTS webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, seq);
    `);
  }

  tearDown(db: Database): void {
    for (const table of ['subscriptions', 'confidential_rapid_actions', 'deliveries']) {
      db.exec(`DROP TABLE IF EXISTS webhook_${table}`);
    }
  }

  apply(event: RecordedEvent, db: Database): void {
    const data = event.data as Record<string, any>;
    switch (event.type) {
      case 'WebhookSubscriptionCreated':
      case 'WebhookSubscriptionDeleted':
        return this.applySubscription({ type: event.type, data } as WebhookSubscriptionEvent, db);
      case 'WebhookDeliveryClaimed':
      case 'WebhookDeliveryAttempted':
        return this.applyDelivery({ type: event.type, data } as WebhookDeliveryEvent, db);
      case 'RapidActionDeclared':
        if (data.confidential) {
          cachedStatement(db, 'INSERT OR IGNORE INTO webhook_confidential_rapid_actions VALUES (?)').run(
            data.rapidActionId,
          );
        }
        return;
      case 'RapidActionMadePublic':
        cachedStatement(db, 'DELETE FROM webhook_confidential_rapid_actions WHERE rapid_action_id = ?').run(
          data.rapidActionId,
        );
        return;
    }
    const source = WEBHOOK_EVENT_TYPES[event.type];
    if (!source) return;
    const subscriptions = this.subscriptions(db).filter((subscription) => subscription.kinds.has(source.kind));
    if (subscriptions.length === 0) return;
    if (source.kind === 'RAPID_ACTION_UPDATE' && this.confidential(db, String(data.rapidActionId))) return;
    const payload = JSON.stringify({
      type: source.type,
      timestamp: event.metadata.occurredAt,
      data: { ...data, eventId: event.id, actor: event.metadata.actor },
    });
    for (const { subscriptionId: subscription_id } of subscriptions) {
      cachedStatement(
        db,
        `INSERT OR IGNORE INTO webhook_deliveries
           (delivery_id, subscription_id, source_event_id, event_type, payload, created_at, due_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING')`,
      ).run(
        deterministicId(event.id, subscription_id),
        subscription_id,
        event.id,
        source.type,
        payload,
        event.metadata.occurredAt,
        event.metadata.occurredAt,
      );
    }
    this.queued = true;
  }

  /** New deliveries are attempted at once, not at the next poll. */
  afterCommit(events: RecordedEvent[]): void {
    // No events: the read model was reset (rebuilt).
    if (events.length === 0) this.active = undefined;
    if (!this.queued) return;
    this.queued = false;
    void this.scheduler.runDue().catch(() => undefined);
  }

  afterRollback(): void {
    this.queued = false;
    this.active = undefined;
  }

  private subscriptions(db: Database): Array<{ subscriptionId: string; kinds: Set<string> }> {
    this.active ??= cachedStatement<[], { subscription_id: string; event_kinds: string }>(
      db,
      'SELECT subscription_id, event_kinds FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY subscription_id',
    )
      .all()
      .map((row) => ({ subscriptionId: row.subscription_id, kinds: new Set(JSON.parse(row.event_kinds) as string[]) }));
    return this.active;
  }

  private applySubscription(event: WebhookSubscriptionEvent, db: Database): void {
    this.active = undefined;
    if (event.type === 'WebhookSubscriptionCreated') {
      const { subscriptionId, name, url, eventKinds, createdBy, at } = event.data;
      cachedStatement(db, 'INSERT OR REPLACE INTO webhook_subscriptions VALUES (?, ?, ?, ?, ?, ?, NULL)').run(
        subscriptionId,
        name,
        url,
        JSON.stringify(eventKinds),
        createdBy,
        at,
      );
    } else {
      const { subscriptionId, at } = event.data;
      cachedStatement(db, 'UPDATE webhook_subscriptions SET deleted_at = ? WHERE subscription_id = ?').run(
        at,
        subscriptionId,
      );
      cachedStatement(
        db,
        `UPDATE webhook_deliveries SET status = 'CANCELLED' WHERE subscription_id = ? AND status = 'PENDING'`,
      ).run(subscriptionId);
    }
  }

  private applyDelivery(event: WebhookDeliveryEvent, db: Database): void {
    if (event.type === 'WebhookDeliveryClaimed') {
      // A claim whose holder dies is taken over once it expires.
      cachedStatement(
        db,
        `UPDATE webhook_deliveries SET due_at = ? WHERE delivery_id = ? AND status = 'PENDING' AND attempts < ?`,
      ).run(event.data.leaseUntil, event.data.deliveryId, event.data.attempt);
      return;
    }
    const { deliveryId, attempt, at, outcome, statusCode, error, nextAttemptAt } = event.data;
    const status = outcome === 'RETRYING' ? 'PENDING' : outcome;
    cachedStatement(
      db,
      `UPDATE webhook_deliveries
          SET attempts = ?, status = CASE WHEN status = 'CANCELLED' THEN status ELSE ? END,
              due_at = COALESCE(?, due_at), last_status_code = ?, last_error = ?, last_attempt_at = ?,
              delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_at END
        WHERE delivery_id = ?`,
    ).run(attempt, status, nextAttemptAt, statusCode, error, at, outcome, at, deliveryId);
  }

  private confidential(db: Database, rapidActionId: string): boolean {
    return (
      cachedStatement(db, 'SELECT 1 FROM webhook_confidential_rapid_actions WHERE rapid_action_id = ?').get(
        rapidActionId,
      ) !== undefined
    );
  }

  get db(): Database {
    return this.readModels.db;
  }
}
