import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  deterministicId,
  READ_MODEL_DATABASE,
  ReadModelDatabase,
  ReadModelProjection,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
import type { SlackMessageUpdateEvent } from './slack-message-update.decider.js';

/** What became of a page, as its Slack messages will say. */
export type PageOutcomeKind = 'ACKNOWLEDGED' | 'RESOLVED' | 'TIMED_OUT' | 'CANCELLED';

export interface PageOutcome {
  pageId: string;
  escalationId: string;
  kind: PageOutcomeKind;
  responderId: string | null;
  detail: string | null;
  at: string;
}

export interface DueMessageUpdate {
  taskId: string;
  pageId: string;
  externalId: string;
  dueAt: string;
  attempts: number;
}

const OUTCOMES = new Map<string, PageOutcomeKind>([
  ['PageAcknowledged', 'ACKNOWLEDGED'],
  ['PageResolved', 'RESOLVED'],
  ['PageTimedOut', 'TIMED_OUT'],
  ['PageCancelled', 'CANCELLED'],
]);

/**
 * The Slack messages sent for each page (from NotificationDelivered events of the SLACK channel,
 * whatever stream they are in) and what became of the page; each change of state queues one
 * chat.update per message, done by SlackMessageUpdatesSource. What became of a page is kept only
 * for escalations that can have Slack messages: paged to someone who added a Slack contact method,
 * or with a Slack send started.
 */
@ReadModelProjection()
@Injectable()
export class SlackPageMessagesProjection implements Projection {
  readonly name = 'slack-page-messages';
  readonly version = 2;

  /** The responders who added a Slack contact method (a few thousand at most): read once, kept up to date. */
  private slackResponders?: Set<string>;

  constructor(@Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase) {}

  setUp(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS slack_responders (responder_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS slack_escalations (escalation_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS slack_page_messages (
        page_id TEXT NOT NULL, external_id TEXT NOT NULL, PRIMARY KEY (page_id, external_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS slack_page_outcomes (
        page_id TEXT PRIMARY KEY, escalation_id TEXT NOT NULL, event_id TEXT NOT NULL, kind TEXT NOT NULL,
        responder_id TEXT, detail TEXT, at TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS slack_message_updates (
        task_id TEXT PRIMARY KEY, page_id TEXT NOT NULL, external_id TEXT NOT NULL, due_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS slack_message_updates_due ON slack_message_updates (due_at) WHERE state = 'PENDING';
    `);
  }

  tearDown(db: Database): void {
    for (const table of ['responders', 'escalations', 'page_messages', 'page_outcomes', 'message_updates']) {
      db.exec(`DROP TABLE IF EXISTS slack_${table}`);
    }
  }

  apply(event: RecordedEvent, db: Database): void {
    const data = event.data as Record<string, any>;
    const outcome = OUTCOMES.get(event.type);
    if (outcome) {
      if (!this.mayHaveSlackMessages(db, data.escalationId)) return;
      const detail = event.type === 'PageCancelled' ? String(data.reason) : null;
      cachedStatement(db, 'INSERT OR REPLACE INTO slack_page_outcomes VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        data.pageId,
        data.escalationId,
        event.id,
        outcome,
        data.responderId ?? null,
        detail,
        data.at,
      );
      const messages = cachedStatement<[string], { external_id: string }>(
        db,
        'SELECT external_id FROM slack_page_messages WHERE page_id = ?',
      ).all(data.pageId);
      for (const { external_id } of messages)
        this.queue(db, event.id, data.pageId, external_id, event.metadata.occurredAt);
    } else if (event.type === 'ContactMethodAdded') {
      if (data.kind !== 'SLACK') return;
      this.responders(db).add(data.responderId);
      cachedStatement(db, 'INSERT OR IGNORE INTO slack_responders VALUES (?)').run(data.responderId);
    } else if (event.type === 'ResponderPaged') {
      const responders = this.responders(db);
      if ((data.recipients as string[]).some((id) => responders.has(id))) this.markEscalation(db, data.escalationId);
    } else if (event.type === 'NotificationSendStarted') {
      if (data.channel === 'SLACK' && typeof data.escalationId === 'string') this.markEscalation(db, data.escalationId);
    } else if (event.type === 'NotificationDelivered') {
      if (data.channel !== 'SLACK' || typeof data.pageId !== 'string' || typeof data.externalId !== 'string') return;
      cachedStatement(db, 'INSERT OR IGNORE INTO slack_page_messages VALUES (?, ?)').run(data.pageId, data.externalId);
      const known = cachedStatement<[string], { event_id: string; at: string }>(
        db,
        'SELECT event_id, at FROM slack_page_outcomes WHERE page_id = ?',
      ).get(data.pageId);
      if (known) this.queue(db, known.event_id, data.pageId, data.externalId, event.metadata.occurredAt);
    } else if (event.type === 'SlackMessageUpdated' || event.type === 'SlackMessageUpdateFailed') {
      const recorded = { type: event.type, data: event.data } as SlackMessageUpdateEvent;
      if (recorded.type === 'SlackMessageUpdated') {
        cachedStatement(db, `UPDATE slack_message_updates SET state = 'DONE' WHERE task_id = ?`).run(
          recorded.data.taskId,
        );
      } else {
        const { taskId, attempt, retryAt } = recorded.data;
        cachedStatement(
          db,
          `UPDATE slack_message_updates SET attempts = ?, state = ?, due_at = COALESCE(?, due_at) WHERE task_id = ?`,
        ).run(attempt, retryAt ? 'PENDING' : 'FAILED', retryAt, taskId);
      }
    }
  }

  afterCommit(events: RecordedEvent[]): void {
    // No events: the read model was reset (rebuilt).
    if (events.length === 0) this.slackResponders = undefined;
  }

  afterRollback(): void {
    this.slackResponders = undefined;
  }

  private responders(db: Database): Set<string> {
    this.slackResponders ??= new Set(
      cachedStatement<[], { responder_id: string }>(db, 'SELECT responder_id FROM slack_responders')
        .all()
        .map((row) => row.responder_id),
    );
    return this.slackResponders;
  }

  private markEscalation(db: Database, escalationId: string): void {
    cachedStatement(db, 'INSERT OR IGNORE INTO slack_escalations VALUES (?)').run(escalationId);
  }

  private mayHaveSlackMessages(db: Database, escalationId: string): boolean {
    return (
      cachedStatement(db, 'SELECT 1 FROM slack_escalations WHERE escalation_id = ?').get(escalationId) !== undefined
    );
  }

  /** Updates due now, oldest first. */
  due(now: Date, limit: number): DueMessageUpdate[] {
    return cachedStatement<[string, number], DueMessageUpdate>(
      this.readModels.db,
      `SELECT task_id AS taskId, page_id AS pageId, external_id AS externalId, due_at AS dueAt, attempts
         FROM slack_message_updates WHERE state = 'PENDING' AND due_at <= ? ORDER BY due_at LIMIT ?`,
    ).all(now.toISOString(), limit);
  }

  outcome(pageId: string): PageOutcome | undefined {
    const row = cachedStatement<[string], Record<string, string | null>>(
      this.readModels.db,
      'SELECT page_id, escalation_id, kind, responder_id, detail, at FROM slack_page_outcomes WHERE page_id = ?',
    ).get(pageId);
    if (!row) return undefined;
    return {
      pageId: row.page_id!,
      escalationId: row.escalation_id!,
      kind: row.kind as PageOutcomeKind,
      responderId: row.responder_id,
      detail: row.detail,
      at: row.at!,
    };
  }

  /** One update per message and page change; a newer change replaces a pending older one. */
  private queue(db: Database, causeEventId: string, pageId: string, externalId: string, dueAt: string): void {
    cachedStatement(
      db,
      `DELETE FROM slack_message_updates WHERE page_id = ? AND external_id = ? AND state = 'PENDING'`,
    ).run(pageId, externalId);
    cachedStatement(
      db,
      `INSERT OR IGNORE INTO slack_message_updates (task_id, page_id, external_id, due_at, state) VALUES (?, ?, ?, ?, 'PENDING')`,
    ).run(deterministicId(causeEventId, externalId), pageId, externalId, dueAt);
  }
}
