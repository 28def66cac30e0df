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

/** What planning a delivery to a responder reads: their contact methods and the rules they set. */
export interface Recipient {
  methods: ContactMethod[];
  rules: NotificationRule[] | null;
}

const MAX_CACHED_RECIPIENTS = 20_000;

/**
 * Each responder's methods and rules as the read model holds them, read once and kept while they
 * do not change: the projection forgets a responder when it writes their methods or rules, and
 * everyone when a batch is rolled back or the read model is reset.
 */
export class Recipients {
  private readonly known = new Map<string, Recipient>();

  of(db: Database, responderId: string): Recipient {
    let recipient = this.known.get(responderId);
    if (!recipient) {
      recipient = {
        methods: methodsOf(db, responderId),
        rules: readDoc<NotificationRule[]>(
          db,
          'SELECT doc FROM notification_rules WHERE responder_id = ?',
          responderId,
        ),
      };
      if (this.known.size >= MAX_CACHED_RECIPIENTS) this.known.clear();
      this.known.set(responderId, recipient);
    }
    return recipient;
  }

  /** The methods a responder's rules use at once (by default every verified one): for messages that do not escalate. */
  immediateMethods(db: Database, responderId: string): ContactMethod[] {
    const { methods, rules } = this.of(db, responderId);
    return effectiveRules(rules, methods)
      .filter((r) => r.delayMinutes === 0)
      .map((r) => methods.find((m) => m.contactMethodId === r.contactMethodId)!);
  }

  forget(responderId: string): void {
    this.known.delete(responderId);
  }

  clear(): void {
    this.known.clear();
  }
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
