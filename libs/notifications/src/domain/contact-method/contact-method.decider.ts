import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { ContactMethodKind } from '../../channels/notification-channel.js';
import {
  VERIFICATION_MAX_ATTEMPTS,
  type ContactMethodEvent,
  type VerificationIssuedData,
  type VerificationVia,
} from './contact-method.events.js';

export interface ContactMethod {
  contactMethodId: string;
  responderId: string;
  kind: ContactMethodKind;
  address: string;
  verified: boolean;
  verifiedAt: string | null;
  verifiedVia: VerificationVia | null;
  removed: boolean;
  addedAt: string;
  verification: (Omit<VerificationIssuedData, 'contactMethodId'> & { failedAttempts: number }) | null;
}

export type ContactMethodState = ContactMethod | null;

type Issue = Omit<VerificationIssuedData, 'contactMethodId' | 'at'>;

export type ContactMethodCommand =
  | {
      type: 'AddContactMethod';
      contactMethodId: string;
      responderId: string;
      kind: ContactMethodKind;
      address: string;
      verification: Issue;
      at: string;
      by: string;
    }
  | { type: 'IssueVerification'; contactMethodId: string; verification: Issue; at: string }
  | {
      type: 'VerifyWithCode';
      contactMethodId: string;
      code: string;
      /** HMAC of a code for one verification: the decider compares hashes only. */
      hashCode: (verificationId: string, code: string) => string;
      at: string;
      by: string;
    }
  | { type: 'VerifyByDelivery'; contactMethodId: string; verificationId: string; at: string; eventId: string }
  | { type: 'RemoveContactMethod'; contactMethodId: string; at: string; by: string };

type Event = ContactMethodEvent;

function existing(state: ContactMethodState, contactMethodId: string): ContactMethod {
  if (!state || state.removed) throw new NotFoundError('ContactMethod', contactMethodId);
  return state;
}

function verifyWithCode(command: Extract<ContactMethodCommand, { type: 'VerifyWithCode' }>, method: ContactMethod) {
  if (method.verified) return [];
  if (method.kind === 'WEBHOOK') {
    throw new BadUserInputError(
      'code',
      'A webhook is verified by answering its signed test message with a 2xx, not by a code',
    );
  }
  const verification = method.verification;
  if (!verification) throw new BadUserInputError('code', 'No code was sent for this contact method; ask for a new one');
  if (verification.failedAttempts >= VERIFICATION_MAX_ATTEMPTS) {
    throw new BadUserInputError('code', 'Too many wrong codes; ask for a new one');
  }
  if (command.at > verification.expiresAt)
    throw new BadUserInputError('code', 'The code has expired; ask for a new one');
  const { contactMethodId } = method;
  if (command.hashCode(verification.verificationId, command.code) !== verification.codeHash) {
    const attempt = verification.failedAttempts + 1;
    const data = { contactMethodId, verificationId: verification.verificationId, attempt, at: command.at };
    return [{ type: 'ContactMethodVerificationFailed' as const, data }];
  }
  return [
    {
      type: 'ContactMethodVerified' as const,
      data: { contactMethodId, via: 'CODE' as const, at: command.at, by: command.by },
    },
  ];
}

/** A way of reaching a responder: added unverified, verified by a code (or a webhook's 2xx), removed. */
export const contactMethodDecider: Decider<ContactMethodCommand, ContactMethodState, Event> = {
  initialState: () => null,

  decide(command, state): Event[] {
    switch (command.type) {
      case 'AddContactMethod': {
        if (state) throw new ConflictError(`Contact method ${command.contactMethodId} already exists`);
        const { contactMethodId, responderId, kind, address, at, by } = command;
        return [
          { type: 'ContactMethodAdded', data: { contactMethodId, responderId, kind, address, at, by } },
          { type: 'ContactMethodVerificationIssued', data: { contactMethodId, ...command.verification, at } },
        ];
      }
      case 'IssueVerification': {
        const method = existing(state, command.contactMethodId);
        if (method.verified) throw new ConflictError(`Contact method ${method.contactMethodId} is already verified`);
        return [
          {
            type: 'ContactMethodVerificationIssued',
            data: { contactMethodId: method.contactMethodId, ...command.verification, at: command.at },
          },
        ];
      }
      case 'VerifyWithCode':
        return verifyWithCode(command, existing(state, command.contactMethodId));
      case 'VerifyByDelivery': {
        if (!state || state.removed || state.verified) return [];
        if (state.verification?.verificationId !== command.verificationId) return [];
        const data = {
          contactMethodId: state.contactMethodId,
          via: 'WEBHOOK_DELIVERY' as const,
          at: command.at,
          by: 'system',
        };
        return [{ type: 'ContactMethodVerified', id: command.eventId, data }];
      }
      case 'RemoveContactMethod': {
        const method = existing(state, command.contactMethodId);
        const data = { contactMethodId: method.contactMethodId, at: command.at, by: command.by };
        return [{ type: 'ContactMethodRemoved', data }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event): ContactMethodState {
    switch (event.type) {
      case 'ContactMethodAdded': {
        const { at, by: _, ...data } = event.data;
        return {
          ...data,
          verified: false,
          verifiedAt: null,
          verifiedVia: null,
          removed: false,
          addedAt: at,
          verification: null,
        };
      }
      case 'ContactMethodVerificationIssued': {
        const { contactMethodId: _, ...verification } = event.data;
        return state && { ...state, verification: { ...verification, failedAttempts: 0 } };
      }
      case 'ContactMethodVerificationFailed':
        return (
          state &&
          state.verification && {
            ...state,
            verification: { ...state.verification, failedAttempts: event.data.attempt },
          }
        );
      case 'ContactMethodVerified':
        return state && { ...state, verified: true, verifiedAt: event.data.at, verifiedVia: event.data.via };
      case 'ContactMethodRemoved':
        return state && { ...state, removed: true };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
