import type { Database } from 'better-sqlite3';
import { cachedStatement, readDoc } from '@app/event-store';
import type { MessageKind } from '../channels/notification-channel.js';
import type { ContactMethod } from '../domain/contact-method/contact-method.decider.js';
import type { NotificationRule } from '../domain/rules/notification-rules.events.js';

/** Deliveries still to be attempted (a page answered meanwhile cancels these). */
export const WAITING = `status IN ('PLANNED', 'RETRYING')`;

/** The rules a responder has set, or the default: every verified method at once. */
export function effectiveRules(rules: NotificationRule[] | null, methods: ContactMethod[]): NotificationRule[] {
  const usable = methods.filter((m) => m.verified && !m.removed);
  if (!rules || rules.length === 0) return usable.map((m) => ({ contactMethodId: m.contactMethodId, delayMinutes: 0 }));
  return rules.filter((r) => usable.some((m) => m.contactMethodId === r.contactMethodId));
}

export function methodsOf(db: Database, responderId: string): ContactMethod[] {
  return cachedStatement<[string], { doc: string }>(
    db,
    'SELECT doc FROM notification_contact_methods WHERE responder_id = ? ORDER BY contact_method_id',
  )
    .all(responderId)
    .map((row) => JSON.parse(row.doc) as ContactMethod);
}

/** The methods a responder's rules use at once (by default every verified one): for messages that do not escalate. */
export function immediateMethods(db: Database, responderId: string): ContactMethod[] {
  const methods = methodsOf(db, responderId);
  const rules = readDoc<NotificationRule[]>(
    db,
    'SELECT doc FROM notification_rules WHERE responder_id = ?',
    responderId,
  );
  return effectiveRules(rules, methods)
    .filter((r) => r.delayMinutes === 0)
    .map((r) => methods.find((m) => m.contactMethodId === r.contactMethodId)!);
}

/** Records a planned delivery (once: a replayed event plans the same id). */
export function plan(
  db: Database,
  p: {
    deliveryId: string;
    messageKind: MessageKind;
    method: ContactMethod;
    delayMinutes: number;
    dueAt: string;
    pageId?: string;
    escalationId?: string;
    verificationId?: string;
    refId?: string;
    doc?: object;
  },
): void {
  cachedStatement(
    db,
    `INSERT OR IGNORE INTO notification_deliveries
     (delivery_id, message_kind, responder_id, contact_method_id, channel, address, page_id, escalation_id,
      verification_id, delay_minutes, status, due_at, planned_at, ref_id, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?, ?)`,
  ).run(
    p.deliveryId,
    p.messageKind,
    p.method.responderId,
    p.method.contactMethodId,
    p.method.kind,
    p.method.address,
    p.pageId ?? null,
    p.escalationId ?? null,
    p.verificationId ?? null,
    p.delayMinutes,
    p.dueAt,
    p.dueAt,
    p.refId ?? null,
    p.doc ? JSON.stringify(p.doc) : null,
  );
}
