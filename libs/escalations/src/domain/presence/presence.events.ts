import type { DomainEvent } from '@app/event-store/pure';

export const PRESENCE_STATES = ['ONLINE', 'AWAY'] as const;
export type PresenceStatus = (typeof PRESENCE_STATES)[number];

export type PresenceEvent = DomainEvent<
  'ResponderPresenceChanged',
  { responderId: string; status: PresenceStatus; at: string; by: string }
>;

export const presenceStream = (responderId: string) => `presence-${responderId}`;
