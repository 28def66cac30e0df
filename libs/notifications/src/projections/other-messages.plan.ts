import type { Database } from 'better-sqlite3';
import type { HandoverEvent } from '@app/handovers';
import type { RapidActionEvent } from '@app/rapid-actions';
import { cachedStatement, deterministicId, readDoc } from '@app/event-store';
import type { OnCallReminderEvent } from '../domain/rules/on-call-reminder.events.js';
import { plan, WAITING, type Recipients } from './delivery-plan.js';

/** What a rapid-action reminder needs to know, kept per action. */
interface RapidActionFacts {
  rapidActionId: string;
  title: string;
  severity: string;
  driId: string;
  driTimeZone: string;
}

/** The DRI is reminded this long before a rapid action's update is due. */
export const RAPID_ACTION_REMINDER_MINUTES = 120;

/** A boundary with open items: those taking over are told a handover is waiting for them. */
export function planHandover(
  data: Extract<HandoverEvent, { type: 'ShiftBoundaryRecorded' }>['data'],
  db: Database,
  recipients: Recipients,
): void {
  if (data.items.length === 0) return;
  for (const responderId of new Set(data.incomingIds)) {
    for (const method of recipients.immediateMethods(db, responderId)) {
      plan(db, {
        deliveryId: deterministicId('notification', 'handover', data.boundaryId, responderId, method.contactMethodId),
        messageKind: 'HANDOVER_WAITING',
        method,
        delayMinutes: 0,
        dueAt: data.at,
        refId: data.boundaryId,
        doc: data,
      });
    }
  }
}

/** The DRI is reminded before each update is due; a new update or DRI replans, resolving cancels. */
export function applyRapidAction(event: RapidActionEvent, db: Database, recipients: Recipients): void {
  const id = event.data.rapidActionId;
  const known = readDoc<RapidActionFacts>(
    db,
    'SELECT doc FROM notification_rapid_actions WHERE rapid_action_id = ?',
    id,
  );
  let facts = known;
  let dueBy: string | undefined;
  let at: string;
  switch (event.type) {
    case 'RapidActionDeclared': {
      const d = event.data;
      facts = { rapidActionId: id, title: d.title, severity: d.severity, driId: d.driId, driTimeZone: d.driTimeZone };
      dueBy = d.updateDueBy;
      at = d.declaredAt;
      break;
    }
    case 'RapidActionDriChanged':
      facts = known && { ...known, driId: event.data.driId, driTimeZone: event.data.driTimeZone };
      dueBy = event.data.updateDueBy;
      at = event.data.changedAt;
      break;
    case 'RapidActionUpdatePosted':
    case 'RapidActionUpdateAmended':
      dueBy = event.data.updateDueBy;
      at = event.data.postedAt;
      break;
    case 'RapidActionRevised':
      facts = known && { ...known, title: event.data.changes.title ?? known.title };
      at = event.data.revisedAt;
      break;
    default:
      cachedStatement(
        db,
        `UPDATE notification_deliveries SET status = 'CANCELLED'
         WHERE ref_id = ? AND message_kind = 'RAPID_ACTION_DUE' AND ${WAITING}`,
      ).run(id);
      cachedStatement(db, 'DELETE FROM notification_rapid_actions WHERE rapid_action_id = ?').run(id);
      return;
  }
  if (!facts) return;
  cachedStatement(db, 'INSERT OR REPLACE INTO notification_rapid_actions (rapid_action_id, doc) VALUES (?, ?)').run(
    id,
    JSON.stringify(facts),
  );
  if (!dueBy) return;
  cachedStatement(
    db,
    `UPDATE notification_deliveries SET status = 'CANCELLED'
     WHERE ref_id = ? AND message_kind = 'RAPID_ACTION_DUE' AND ${WAITING}
       AND (responder_id != ? OR json_extract(doc, '$.dueBy') != ?)`,
  ).run(id, facts.driId, dueBy);
  const remindAt = new Date(Date.parse(dueBy) - RAPID_ACTION_REMINDER_MINUTES * 60_000).toISOString();
  if (dueBy <= at) return;
  for (const method of recipients.immediateMethods(db, facts.driId)) {
    plan(db, {
      deliveryId: deterministicId('notification', 'rapid-action-due', id, dueBy, facts.driId, method.contactMethodId),
      messageKind: 'RAPID_ACTION_DUE',
      method,
      delayMinutes: 0,
      dueAt: remindAt > at ? remindAt : at,
      refId: id,
      doc: { ...facts, dueBy },
    });
  }
}

/** A responder's reminder setting, and each reminder due: sent on the methods their rules use at once. */
export function applyOnCallReminder(event: OnCallReminderEvent, db: Database, recipients: Recipients): void {
  if (event.type === 'OnCallReminderSet') {
    const { responderId, minutesBefore } = event.data;
    if (minutesBefore === null) {
      cachedStatement(db, 'DELETE FROM notification_reminder_settings WHERE responder_id = ?').run(responderId);
    } else {
      cachedStatement(
        db,
        'INSERT OR REPLACE INTO notification_reminder_settings (responder_id, minutes_before) VALUES (?, ?)',
      ).run(responderId, minutesBefore);
    }
    return;
  }
  const data = event.data;
  cachedStatement(db, 'INSERT OR IGNORE INTO notification_reminders (reminder_id) VALUES (?)').run(data.reminderId);
  for (const method of recipients.immediateMethods(db, data.responderId)) {
    plan(db, {
      deliveryId: deterministicId('notification', 'on-call-reminder', data.reminderId, method.contactMethodId),
      messageKind: 'ON_CALL_REMINDER',
      method,
      delayMinutes: 0,
      dueAt: data.at,
      refId: data.reminderId,
      doc: data,
    });
  }
}
