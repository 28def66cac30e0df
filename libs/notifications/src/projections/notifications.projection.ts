import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { EscalationEvent } from '@app/escalations';
import type { HandoverEvent } from '@app/handovers';
import type { RapidActionEvent } from '@app/rapid-actions';
import {
  cachedStatement,
  deterministicId,
  readDoc,
  ReadModelProjection,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
import { contactMethodDecider, type ContactMethod } from '../domain/contact-method/contact-method.decider.js';
import type { ContactMethodEvent } from '../domain/contact-method/contact-method.events.js';
import type { DeliveryEvent } from '../domain/delivery/delivery.events.js';
import type { NotificationRulesEvent } from '../domain/rules/notification-rules.events.js';
import { effectiveRules, plan, Recipients, WAITING } from './delivery-plan.js';
import type { OnCallReminderEvent } from '../domain/rules/on-call-reminder.events.js';
import { applyOnCallReminder, applyRapidAction, planHandover } from './other-messages.plan.js';

export { effectiveRules } from './delivery-plan.js';

type Event =
  | ContactMethodEvent
  | NotificationRulesEvent
  | DeliveryEvent
  | EscalationEvent
  | HandoverEvent
  | RapidActionEvent
  | OnCallReminderEvent;

const EVENT_TYPES = new Set<string>([
  'ContactMethodAdded',
  'ContactMethodVerificationIssued',
  'ContactMethodVerificationFailed',
  'ContactMethodVerified',
  'ContactMethodRemoved',
  'NotificationRulesSet',
  'ResponderPaged',
  'PageAcknowledged',
  'PageResolved',
  'PageTimedOut',
  'PageCancelled',
  'OnCallReminderSet',
  'OnCallReminderDue',
  'ShiftBoundaryRecorded',
  'RapidActionDeclared',
  'RapidActionDriChanged',
  'RapidActionUpdatePosted',
  'RapidActionUpdateAmended',
  'RapidActionRevised',
  'RapidActionResolved',
  'NotificationSendStarted',
  'NotificationDelivered',
  'NotificationAttemptFailed',
  'NotificationFailed',
] satisfies Event['type'][]);

type PageOutcomeEvent = Extract<
  Event,
  { type: 'PageAcknowledged' | 'PageResolved' | 'PageTimedOut' | 'PageCancelled' }
>;

const PAGE_STATUS: Record<PageOutcomeEvent['type'], string> = {
  PageAcknowledged: 'ACKNOWLEDGED',
  PageResolved: 'RESOLVED',
  PageTimedOut: 'TIMEDOUT',
  PageCancelled: 'CANCELLED',
};

const plusMinutes = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

/**
 * Everything outbound notifications need, in one projection so it is consistent with itself:
 * contact methods, notification rules, the pages still waiting, and the deliveries planned from
 * page and verification events. The plan is a pure function of the events (delivery ids are uuid
 * v5 of the page, recipient, method and rule), so a rebuild plans the same deliveries; what was
 * sent is recorded in each delivery's own stream, whose events this projection also applies.
 */
@ReadModelProjection()
@Injectable()
export class NotificationsProjection implements Projection {
  readonly name = 'notifications';
  readonly version = 4;
  private readonly recipients = new Recipients();

  setUp(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS notification_contact_methods (
        contact_method_id TEXT PRIMARY KEY, responder_id TEXT NOT NULL, kind TEXT NOT NULL, address TEXT NOT NULL,
        verified INTEGER NOT NULL, removed INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS notification_contact_methods_by_responder ON notification_contact_methods (responder_id);
      CREATE INDEX IF NOT EXISTS notification_contact_methods_by_address ON notification_contact_methods (kind, address);
      CREATE TABLE IF NOT EXISTS notification_rules (responder_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS notification_pages (
        page_id TEXT PRIMARY KEY, escalation_id TEXT NOT NULL, status TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS notification_pages_by_escalation ON notification_pages (escalation_id);
      CREATE TABLE IF NOT EXISTS notification_deliveries (
        delivery_id TEXT PRIMARY KEY, message_kind TEXT NOT NULL, responder_id TEXT NOT NULL,
        contact_method_id TEXT NOT NULL, channel TEXT NOT NULL, address TEXT NOT NULL,
        page_id TEXT, escalation_id TEXT, verification_id TEXT, delay_minutes INTEGER NOT NULL,
        status TEXT NOT NULL, due_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, lease_until TEXT,
        last_error TEXT, sent_at TEXT, external_id TEXT, planned_at TEXT NOT NULL,
        ref_id TEXT, doc TEXT) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS notification_deliveries_by_ref ON notification_deliveries (ref_id) WHERE ref_id IS NOT NULL;
      CREATE TABLE IF NOT EXISTS notification_reminder_settings (
        responder_id TEXT PRIMARY KEY, minutes_before INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS notification_reminders (reminder_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS notification_rapid_actions (
        rapid_action_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS notification_deliveries_due ON notification_deliveries (status, due_at);
      CREATE INDEX IF NOT EXISTS notification_deliveries_by_page ON notification_deliveries (page_id);
      CREATE INDEX IF NOT EXISTS notification_deliveries_by_escalation ON notification_deliveries (escalation_id);
      CREATE INDEX IF NOT EXISTS notification_deliveries_by_method ON notification_deliveries (contact_method_id);
    `);
  }

  tearDown(db: Database): void {
    for (const table of [
      'contact_methods',
      'rules',
      'pages',
      'deliveries',
      'rapid_actions',
      'reminder_settings',
      'reminders',
    ]) {
      db.exec(`DROP TABLE IF EXISTS notification_${table}`);
    }
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (!EVENT_TYPES.has(recorded.type)) return;
    const event = { type: recorded.type, data: recorded.data } as Event;
    switch (event.type) {
      case 'ContactMethodAdded':
      case 'ContactMethodVerificationIssued':
      case 'ContactMethodVerificationFailed':
      case 'ContactMethodVerified':
      case 'ContactMethodRemoved':
        return this.applyContactMethod(event, db);
      case 'NotificationRulesSet':
        this.recipients.forget(event.data.responderId);
        cachedStatement(db, 'INSERT OR REPLACE INTO notification_rules (responder_id, doc) VALUES (?, ?)').run(
          event.data.responderId,
          JSON.stringify(event.data.rules),
        );
        return;
      case 'ResponderPaged':
        return this.planPage(event.data, db);
      case 'PageAcknowledged':
      case 'PageResolved':
      case 'PageTimedOut':
      case 'PageCancelled':
        return this.applyPageOutcome(event, db);
      case 'OnCallReminderSet':
      case 'OnCallReminderDue':
        return applyOnCallReminder(event, db, this.recipients);
      case 'ShiftBoundaryRecorded':
        return planHandover(event.data, db, this.recipients);
      case 'RapidActionDeclared':
      case 'RapidActionDriChanged':
      case 'RapidActionUpdatePosted':
      case 'RapidActionUpdateAmended':
      case 'RapidActionRevised':
      case 'RapidActionResolved':
        return applyRapidAction(event, db, this.recipients);
      case 'NotificationSendStarted':
        cachedStatement(
          db,
          `UPDATE notification_deliveries SET status = 'SENDING', attempts = ?, lease_until = ? WHERE delivery_id = ?`,
        ).run(event.data.attempt, event.data.leaseUntil, event.data.deliveryId);
        return;
      case 'NotificationDelivered':
        cachedStatement(
          db,
          `UPDATE notification_deliveries SET status = 'DELIVERED', sent_at = ?, external_id = ?, lease_until = NULL,
           last_error = NULL WHERE delivery_id = ?`,
        ).run(event.data.at, event.data.externalId ?? null, event.data.deliveryId);
        return;
      case 'NotificationAttemptFailed':
        cachedStatement(
          db,
          `UPDATE notification_deliveries SET status = 'RETRYING', last_error = ?, lease_until = NULL,
           due_at = COALESCE(?, due_at) WHERE delivery_id = ?`,
        ).run(event.data.error, event.data.retryAt ?? null, event.data.deliveryId);
        return;
      case 'NotificationFailed':
        cachedStatement(
          db,
          `UPDATE notification_deliveries SET status = 'FAILED', last_error = ?, lease_until = NULL WHERE delivery_id = ?`,
        ).run(event.data.error, event.data.deliveryId);
        return;
    }
  }

  afterCommit(events: RecordedEvent[]): void {
    // No events: the read model was reset (rebuilt).
    if (events.length === 0) this.recipients.clear();
  }

  afterRollback(): void {
    this.recipients.clear();
  }

  private applyContactMethod(event: ContactMethodEvent, db: Database): void {
    const id = event.data.contactMethodId;
    const previous = readDoc<ContactMethod>(
      db,
      'SELECT doc FROM notification_contact_methods WHERE contact_method_id = ?',
      id,
    );
    if (!previous && event.type !== 'ContactMethodAdded') return;
    const method = contactMethodDecider.evolve(previous, event)!;
    this.recipients.forget(method.responderId);
    if (previous) this.recipients.forget(previous.responderId);
    cachedStatement(
      db,
      `INSERT OR REPLACE INTO notification_contact_methods
       (contact_method_id, responder_id, kind, address, verified, removed, doc) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      method.responderId,
      method.kind,
      method.address,
      +method.verified,
      +method.removed,
      JSON.stringify(method),
    );
    if (event.type === 'ContactMethodVerificationIssued' || method.verified || method.removed) {
      cachedStatement(
        db,
        `UPDATE notification_deliveries SET status = 'CANCELLED'
         WHERE contact_method_id = ? AND message_kind = 'VERIFICATION' AND ${WAITING}`,
      ).run(id);
    }
    if (method.removed) {
      cachedStatement(
        db,
        `UPDATE notification_deliveries SET status = 'CANCELLED' WHERE contact_method_id = ? AND ${WAITING}`,
      ).run(id);
    }
    if (event.type === 'ContactMethodVerificationIssued') {
      plan(db, {
        deliveryId: deterministicId('notification', 'verification', event.data.verificationId),
        messageKind: 'VERIFICATION',
        method,
        delayMinutes: 0,
        dueAt: event.data.at,
        verificationId: event.data.verificationId,
      });
    }
  }

  /** A page's status and its waiting page messages cancelled; those it (or the others) reached are told. */
  private applyPageOutcome(event: PageOutcomeEvent, db: Database): void {
    const { pageId, escalationId } = event.data;
    // Only pages some delivery was planned for are kept: an escalation without any reads one index entry.
    const pages = cachedStatement<[string], { page_id: string }>(
      db,
      'SELECT page_id FROM notification_pages WHERE escalation_id = ?',
    )
      .all(escalationId)
      .map((row) => row.page_id);
    if (pages.includes(pageId)) {
      cachedStatement(db, 'UPDATE notification_pages SET status = ? WHERE page_id = ?').run(
        PAGE_STATUS[event.type],
        pageId,
      );
      cachedStatement(
        db,
        `UPDATE notification_deliveries SET status = 'CANCELLED'
         WHERE page_id = ? AND message_kind = 'PAGE' AND ${WAITING}`,
      ).run(pageId);
      if (event.type === 'PageTimedOut') this.planFollowUp(db, 'PAGE_ESCALATED', event.data, [pageId]);
    }
    if (event.type === 'PageAcknowledged') {
      this.planFollowUp(db, 'PAGE_ANSWERED', event.data, pages, event.data.responderId);
    }
  }

  /**
   * Tells the people a page reached what became of it: it moved to the next step, or someone
   * else acknowledged. Only those a page message was delivered to are told, on the methods their
   * rules use at once (by default every verified one).
   */
  private planFollowUp(
    db: Database,
    kind: 'PAGE_ESCALATED' | 'PAGE_ANSWERED',
    data: { escalationId: string; pageId: string; at: string },
    pageIds: string[],
    except?: string,
  ): void {
    const told = new Set<string>();
    for (const pageId of pageIds) {
      // Sorted and made distinct here: SQLite would build a temporary b-tree for each page.
      const reached = [
        ...new Set(
          cachedStatement<[string], { responder_id: string }>(
            db,
            `SELECT responder_id FROM notification_deliveries
             WHERE page_id = ? AND message_kind = 'PAGE' AND status = 'DELIVERED'`,
          )
            .all(pageId)
            .map((row) => row.responder_id),
        ),
      ].sort();
      for (const responderId of reached) {
        if (responderId === except || told.has(responderId)) continue;
        told.add(responderId);
        const { methods, rules } = this.recipients.of(db, responderId);
        for (const rule of effectiveRules(rules, methods).filter((r) => r.delayMinutes === 0)) {
          plan(db, {
            deliveryId: deterministicId('notification', kind, data.pageId, responderId, rule.contactMethodId),
            messageKind: kind,
            method: methods.find((m) => m.contactMethodId === rule.contactMethodId)!,
            delayMinutes: 0,
            dueAt: data.at,
            pageId: data.pageId,
            escalationId: data.escalationId,
          });
        }
      }
    }
  }

  private planPage(data: Extract<EscalationEvent, { type: 'ResponderPaged' }>['data'], db: Database): void {
    let planned = false;
    for (const responderId of new Set(data.recipients)) {
      const { methods, rules } = this.recipients.of(db, responderId);
      for (const rule of effectiveRules(rules, methods)) {
        const method = methods.find((m) => m.contactMethodId === rule.contactMethodId)!;
        plan(db, {
          deliveryId: deterministicId(
            'notification',
            'page',
            data.pageId,
            responderId,
            rule.contactMethodId,
            String(rule.delayMinutes),
          ),
          messageKind: 'PAGE',
          method,
          delayMinutes: rule.delayMinutes,
          dueAt: plusMinutes(data.pagedAt, rule.delayMinutes),
          pageId: data.pageId,
          escalationId: data.escalationId,
        });
        planned = true;
      }
    }
    // A page without deliveries has nothing to cancel nor anyone to tell: it is not kept.
    if (!planned) return;
    cachedStatement(
      db,
      `INSERT OR REPLACE INTO notification_pages (page_id, escalation_id, status) VALUES (?, ?, 'TRIGGERED')`,
    ).run(data.pageId, data.escalationId);
  }
}
