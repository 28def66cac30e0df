import type { DomainEvent } from '@app/event-store/pure';

export interface ServiceData {
  serviceId: string;
  name: string;
  /** The owning team, or null when nobody in particular owns it. */
  owningTeam: string | null;
  /** The owning team's second-tier rotation, where escalations about the service can be routed. */
  secondTierRotationId: string | null;
}

export type ServiceEvent =
  | DomainEvent<'ServiceRegistered', ServiceData & { at: string; by: string }>
  | DomainEvent<'ServiceOwnershipChanged', ServiceData & { at: string; by: string }>;

export const serviceStream = (serviceId: string) => `service-${serviceId}`;
