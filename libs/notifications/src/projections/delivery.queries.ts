import { Inject, Injectable } from '@nestjs/common';
import { cachedStatement, READ_MODEL_DATABASE, type ReadModelDatabase } from '@app/event-store';
import type { ContactMethodKind, MessageKind } from '../channels/notification-channel.js';

export const NOTIFICATION_STATES = ['PLANNED', 'SENDING', 'RETRYING', 'DELIVERED', 'FAILED', 'CANCELLED'] as const;
export type DeliveryRowStatus = (typeof NOTIFICATION_STATES)[number];

export interface DeliveryRow {
  deliveryId: string;
  messageKind: MessageKind;
  responderId: string;
  contactMethodId: string;
  channel: ContactMethodKind;
  address: string;
  pageId: string | null;
  escalationId: string | null;
  verificationId: string | null;
  delayMinutes: number;
  status: DeliveryRowStatus;
  dueAt: string;
  attempts: number;
  leaseUntil: string | null;
  lastError: string | null;
  sentAt: string | null;
  externalId: string | null;
  plannedAt: string;
  /** The boundary or rapid action a message is about. */
  refId: string | null;
  /** Facts kept at planning time for messages that are not about a page (JSON). */
  doc: string | null;
}

const COLUMNS = `delivery_id AS deliveryId, message_kind AS messageKind, responder_id AS responderId,
  contact_method_id AS contactMethodId, channel, address, page_id AS pageId, escalation_id AS escalationId,
  verification_id AS verificationId, delay_minutes AS delayMinutes, status, due_at AS dueAt, attempts,
  lease_until AS leaseUntil, last_error AS lastError, sent_at AS sentAt, external_id AS externalId,
  planned_at AS plannedAt, ref_id AS refId, doc`;

/** Planned and past deliveries, from the notifications read model. */
@Injectable()
export class DeliveryQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase) {}

  /**
   * Deliveries to attempt now: planned or retrying ones that are due, claims whose lease ran out
   * (the sender stopped between the claim and the result), and delivered VERIFICATION messages to
   * webhooks whose method is not marked verified yet (the verification is their follow-up).
   */
  due(now: Date, limit: number): DeliveryRow[] {
    const at = now.toISOString();
    return cachedStatement<[string, string, number], DeliveryRow>(
      this.readModels.db,
      `SELECT ${COLUMNS} FROM notification_deliveries d
       WHERE (status IN ('PLANNED', 'RETRYING') AND due_at <= ?)
          OR (status = 'SENDING' AND lease_until <= ?)
          OR (status = 'DELIVERED' AND message_kind = 'VERIFICATION' AND channel = 'WEBHOOK' AND EXISTS (
                SELECT 1 FROM notification_contact_methods m
                WHERE m.contact_method_id = d.contact_method_id AND m.verified = 0 AND m.removed = 0
                  AND json_extract(m.doc, '$.verification.verificationId') = d.verification_id))
       ORDER BY due_at, delivery_id LIMIT ?`,
    ).all(at, at, limit);
  }

  byId(deliveryId: string): DeliveryRow | undefined {
    return cachedStatement<[string], DeliveryRow>(
      this.readModels.db,
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE delivery_id = ?`,
    ).get(deliveryId);
  }

  forPage(pageId: string): DeliveryRow[] {
    return cachedStatement<[string], DeliveryRow>(
      this.readModels.db,
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE page_id = ? ORDER BY due_at, delivery_id`,
    ).all(pageId);
  }

  forEscalation(escalationId: string): DeliveryRow[] {
    return cachedStatement<[string], DeliveryRow>(
      this.readModels.db,
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE escalation_id = ? ORDER BY due_at, delivery_id`,
    ).all(escalationId);
  }

  /** Whether a page is still waiting for an acknowledgement. */
  pageWaiting(pageId: string): boolean {
    const row = cachedStatement<[string], { status: string }>(
      this.readModels.db,
      'SELECT status FROM notification_pages WHERE page_id = ?',
    ).get(pageId);
    return row?.status === 'TRIGGERED';
  }
}
