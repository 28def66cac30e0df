import type { DomainEvent } from '@app/event-store/pure';
import type { ClockWindow } from '../schedule/schedule.types.js';

export type ResponderRole = 'engineer' | 'manager' | 'director';

export interface ResponderRegisteredData {
  responderId: string;
  name: string;
  handle: string;
  timeZone: string;
  team: string;
  role: ResponderRole;
  /** Wall-clock working hours in the responder's own zone. */
  workingHours: ClockWindow[];
  /** A local-law restriction keeps them off on-call until it is lifted. */
  onCallRestricted: boolean;
  registeredAt: string;
}

export type ResponderEvent =
  | DomainEvent<'ResponderRegistered', ResponderRegisteredData>
  | DomainEvent<
      'ResponderOnCallRestrictionChanged',
      { responderId: string; restricted: boolean; reason: string; at: string }
    >
  | DomainEvent<
      'ResponderUnavailabilityMarked',
      { responderId: string; spanId: string; start: string; end: string; reason: string }
    >
  | DomainEvent<'ResponderUnavailabilityCleared', { responderId: string; spanId: string }>;

export const RESPONDER_EVENT_TYPES: ReadonlyArray<ResponderEvent['type']> = [
  'ResponderRegistered',
  'ResponderOnCallRestrictionChanged',
  'ResponderUnavailabilityMarked',
  'ResponderUnavailabilityCleared',
];

export const responderStream = (responderId: string) => `responder-${responderId}`;
