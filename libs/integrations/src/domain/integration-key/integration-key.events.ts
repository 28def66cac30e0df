import type { DomainEvent } from '@app/event-store/pure';
import type { AlertIntegrationKind, Severity } from '@app/escalations';

export const INTEGRATION_KINDS = [
  'EVENTS_V2',
  'ALERTMANAGER',
  'GRAFANA',
] as const satisfies readonly AlertIntegrationKind[];

export interface IntegrationKeyCreatedData {
  integrationKeyId: string;
  name: string;
  kind: AlertIntegrationKind;
  /** Where its alerts go: a service (its owning team's second tier) or a rotation. */
  serviceId: string | null;
  rotationId: string | null;
  /** For alerts that carry no severity of their own. */
  defaultSeverity: Severity;
  /** SHA-256 (hex) of the secret key; the key itself is shown once and never stored. */
  keyHash: string;
  createdAt: string;
  createdBy: string;
}

export type IntegrationKeyEvent =
  | DomainEvent<'IntegrationKeyCreated', IntegrationKeyCreatedData>
  | DomainEvent<'IntegrationKeyRevoked', { integrationKeyId: string; revokedAt: string; revokedBy: string }>;

export const integrationKeyStream = (integrationKeyId: string) => `integration-key-${integrationKeyId}`;
