import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/core';
import { cachedStatement, READ_MODEL_DATABASE, readDoc, type ReadModelDatabase } from '@app/event-store';
import type { ContactMethodKind } from '../channels/notification-channel.js';
import type { ContactMethod } from '../domain/contact-method/contact-method.decider.js';
import type { NotificationRule } from '../domain/rules/notification-rules.events.js';
import { effectiveRules } from './notifications.projection.js';

/** Contact methods and notification rules, from the notifications read model. */
@Injectable()
export class ContactMethodQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase) {}

  /** A contact method that has not been removed, or undefined. */
  byId(contactMethodId: string): ContactMethod | undefined {
    const method = readDoc<ContactMethod>(
      this.readModels.db,
      'SELECT doc FROM notification_contact_methods WHERE contact_method_id = ?',
      contactMethodId,
    );
    return method && !method.removed ? method : undefined;
  }

  /** A method as last stored, removed or not (what `removeContactMethod` answers). */
  asStored(contactMethodId: string): ContactMethod {
    const method = readDoc<ContactMethod>(
      this.readModels.db,
      'SELECT doc FROM notification_contact_methods WHERE contact_method_id = ?',
      contactMethodId,
    );
    if (!method) throw new NotFoundError('ContactMethod', contactMethodId);
    return method;
  }

  require(contactMethodId: string): ContactMethod {
    const method = this.byId(contactMethodId);
    if (!method) throw new NotFoundError('ContactMethod', contactMethodId);
    return method;
  }

  /** A responder's contact methods (removed ones left out), oldest first. */
  forResponder(responderId: string): ContactMethod[] {
    return cachedStatement<[string], { doc: string }>(
      this.readModels.db,
      'SELECT doc FROM notification_contact_methods WHERE responder_id = ? AND removed = 0',
    )
      .all(responderId)
      .map((row) => JSON.parse(row.doc) as ContactMethod)
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.contactMethodId.localeCompare(b.contactMethodId));
  }

  /** The verified method of this kind and address (a Slack user id, say), if a responder has one. */
  findVerified(kind: ContactMethodKind, address: string): ContactMethod | undefined {
    const row = cachedStatement<[string, string], { doc: string }>(
      this.readModels.db,
      `SELECT doc FROM notification_contact_methods WHERE kind = ? AND address = ? AND verified = 1 AND removed = 0
       ORDER BY contact_method_id LIMIT 1`,
    ).get(kind, address);
    return row ? (JSON.parse(row.doc) as ContactMethod) : undefined;
  }

  /** The rules a responder set (null when none were set). */
  rulesSet(responderId: string): NotificationRule[] | null {
    return readDoc<NotificationRule[]>(
      this.readModels.db,
      'SELECT doc FROM notification_rules WHERE responder_id = ?',
      responderId,
    );
  }

  /** The rules that apply: the ones set (their methods still verified), or every verified method at once. */
  rulesFor(responderId: string): NotificationRule[] {
    return effectiveRules(this.rulesSet(responderId), this.forResponder(responderId));
  }

  /** Whether any verified method can reach this responder. */
  reachable(responderId: string): boolean {
    return (
      cachedStatement<[string], { n: number }>(
        this.readModels.db,
        'SELECT COUNT(*) AS n FROM notification_contact_methods WHERE responder_id = ? AND verified = 1 AND removed = 0',
      ).get(responderId)!.n > 0
    );
  }

  /** Responders who asked to be reminded before they go on call, and how long before. */
  reminderSettings(): { responderId: string; minutesBefore: number }[] {
    return cachedStatement<[], { responderId: string; minutesBefore: number }>(
      this.readModels.db,
      'SELECT responder_id AS responderId, minutes_before AS minutesBefore FROM notification_reminder_settings',
    ).all();
  }

  reminderMinutes(responderId: string): number | null {
    return (
      cachedStatement<[string], { m: number }>(
        this.readModels.db,
        'SELECT minutes_before AS m FROM notification_reminder_settings WHERE responder_id = ?',
      ).get(responderId)?.m ?? null
    );
  }

  /** Whether the reminder for one shift start has been recorded. */
  reminderRecorded(reminderId: string): boolean {
    return !!cachedStatement<[string], { reminder_id: string }>(
      this.readModels.db,
      'SELECT reminder_id FROM notification_reminders WHERE reminder_id = ?',
    ).get(reminderId);
  }
}
