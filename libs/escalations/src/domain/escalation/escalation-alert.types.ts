/** What an escalation raised from a monitoring alert keeps about its source. */

export type AlertIntegrationKind = 'EVENTS_V2' | 'ALERTMANAGER' | 'GRAFANA';

export interface AlertLink {
  href: string;
  text: string | null;
}

/** The alert's latest content: each occurrence replaces it. */
export interface AlertContent {
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links: AlertLink[];
  /** The rest of the payload (Events v2 `custom_details`, `source`, `component`…; Alertmanager's URLs). */
  details: Record<string, unknown>;
  /** Identifies one firing of the alert (Alertmanager's `startsAt`): a resend with the same one changes nothing. */
  occurrenceKey: string | null;
}

export interface AlertSourceData extends AlertContent {
  integrationKeyId: string;
  integrationKeyName: string;
  kind: AlertIntegrationKind;
  dedupKey: string;
  /** Alertmanager's groupKey, when the alert came in a group. */
  groupKey: string | null;
  /** The maintenance window it was raised in: recorded, nobody paged. */
  maintenanceWindowId: string | null;
}

export interface AlertOccurredData extends AlertContent {
  escalationId: string;
  /** Triggers recorded together (a burst of identical triggers is coalesced into one event). */
  count: number;
  at: string;
  maintenanceWindowId: string | null;
}

/** The alert as the escalation's state and read model know it. */
export interface EscalationAlert extends AlertSourceData {
  occurrences: number;
  firstOccurredAt: string;
  lastOccurredAt: string;
  /** Acknowledged by the integration (its pages acknowledged on its behalf). */
  acknowledgedAt: string | null;
}

/** The actor recorded for what an integration key does. */
export const integrationActor = (integrationKeyId: string) => `integration-key:${integrationKeyId}`;
