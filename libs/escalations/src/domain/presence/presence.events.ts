import type { DomainEvent } from '@app/event-store/pure';

export type PresenceStatus = 'ONLINE' | 'AWAY';

export type PresenceEvent = DomainEvent<
  'ResponderPresenceChanged',
  { responderId: string; status: PresenceStatus; at: string; by: string }
>;

export const presenceStream = (responderId: string) => `presence-${responderId}`;
