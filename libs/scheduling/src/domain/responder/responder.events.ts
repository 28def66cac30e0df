import type { DomainEvent } from '@app/event-store/pure';
import type { ClockWindow } from '../schedule/schedule.types.js';

export const RESPONDER_ROLES = ['engineer', 'manager', 'director'] as const;
export type ResponderRole = (typeof RESPONDER_ROLES)[number];

/** A responder's lifecycle as answers show it (deactivated from a date on). */
export const RESPONDER_STATES = ['ACTIVE', 'DEACTIVATED'] as const;

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

/** The fields a correction may change; only the changed ones are recorded. */
export type ResponderCorrection = Partial<
  Pick<ResponderRegisteredData, 'name' | 'handle' | 'timeZone' | 'team' | 'role' | 'workingHours'>
>;

export interface ResponderDeactivatedData {
  responderId: string;
  /** From this instant on they are on call nowhere and their tokens are refused. */
  effectiveAt: string;
  /** The local date asked for, in the responder's zone. */
  effectiveDate: string;
  reason?: string;
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
  | DomainEvent<'ResponderUnavailabilityCleared', { responderId: string; spanId: string }>
  | DomainEvent<'ResponderUpdated', { responderId: string; changes: ResponderCorrection }>
  | DomainEvent<'ResponderDeactivated', ResponderDeactivatedData>;

export const RESPONDER_EVENT_TYPES: ReadonlyArray<ResponderEvent['type']> = [
  'ResponderRegistered',
  'ResponderOnCallRestrictionChanged',
  'ResponderUnavailabilityMarked',
  'ResponderUnavailabilityCleared',
  'ResponderUpdated',
  'ResponderDeactivated',
];

export const responderStream = (responderId: string) => `responder-${responderId}`;
