import type { DomainEvent } from '@app/event-store/pure';
import type { ContactMethodKind } from '../../channels/notification-channel.js';

export type VerificationVia = 'CODE' | 'WEBHOOK_DELIVERY';

export interface ContactMethodAddedData {
  contactMethodId: string;
  responderId: string;
  kind: ContactMethodKind;
  address: string;
  at: string;
  by: string;
}

/** A code was issued (carried by a VERIFICATION message); only its HMAC is stored. */
export interface VerificationIssuedData {
  contactMethodId: string;
  verificationId: string;
  codeHash: string;
  expiresAt: string;
  at: string;
}

export type ContactMethodEvent =
  | DomainEvent<'ContactMethodAdded', ContactMethodAddedData>
  | DomainEvent<'ContactMethodVerificationIssued', VerificationIssuedData>
  | DomainEvent<
      'ContactMethodVerificationFailed',
      { contactMethodId: string; verificationId: string; attempt: number; at: string }
    >
  | DomainEvent<'ContactMethodVerified', { contactMethodId: string; via: VerificationVia; at: string; by: string }>
  | DomainEvent<'ContactMethodRemoved', { contactMethodId: string; at: string; by: string }>;

export type ContactMethodEventType = ContactMethodEvent['type'];

export const CONTACT_METHOD_EVENT_TYPES: readonly ContactMethodEventType[] = [
  'ContactMethodAdded',
  'ContactMethodVerificationIssued',
  'ContactMethodVerificationFailed',
  'ContactMethodVerified',
  'ContactMethodRemoved',
];

export const contactMethodStream = (contactMethodId: string) => `contact-method-${contactMethodId}`;

/** A code is good for a day and five tries; then a new one must be asked for. */
export const VERIFICATION_TTL_HOURS = 24;
export const VERIFICATION_MAX_ATTEMPTS = 5;
