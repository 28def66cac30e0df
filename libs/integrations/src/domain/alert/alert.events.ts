import { createHash } from 'node:crypto';
import type { DomainEvent } from '@app/event-store/pure';
import type { AlertSourceData, Severity } from '@app/escalations';

/** What raising the escalation needs, kept on the alert stream so a retry after a crash raises the same one. */
export interface AlertRaise {
  rotationId: string | null;
  serviceId: string | null;
  severity: Severity;
  title: string;
  description: string;
  incidentTag: string | null;
  alert: AlertSourceData;
  raisedAt: string;
}

export interface AlertOpenedData extends AlertRaise {
  integrationKeyId: string;
  dedupKey: string;
  escalationId: string;
  /** The escalation this one follows (closed, by the alert or by a person). */
  replaces: string | null;
}

export type AlertEvent = DomainEvent<'AlertOpened', AlertOpenedData>;

/**
 * One stream per (integration key, dedup key): its events say which escalation the key's alert has
 * open. Appending with the revision read makes "only one open escalation per dedup key" hold on
 * the store, across concurrent requests and instances.
 */
export const alertStream = (integrationKeyId: string, dedupKey: string) =>
  `alert-${integrationKeyId}-${createHash('sha256').update(dedupKey).digest('hex')}`;
