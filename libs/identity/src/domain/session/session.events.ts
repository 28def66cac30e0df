import type { DomainEvent } from '@app/event-store/pure';
import type { Role } from '@app/core/pure';
import type { SubjectKind } from '../api-token/api-token.events.js';

/** How a browser session was signed in: through the identity provider, or with an API token. */
export const SIGN_IN_METHODS = ['oidc', 'api-token'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** Why a session ended before it expired. */
export const SESSION_END_REASONS = ['signed-out'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export interface SessionStartedData {
  sessionId: string;
  /** SHA-256 of the session secret (base64url); the secret itself is only in the browser's cookie. */
  secretHash: string;
  /** The actor the session speaks for, exactly as an API token's subject (a responder id, …). */
  subject: string;
  subjectKind: SubjectKind;
  role: Role;
  method: SignInMethod;
  /** The API token it was signed in with (method api-token): revoking it ends the session's use. */
  tokenId?: string;
  /** The identity provider and the claim matched (method oidc). */
  issuer?: string;
  claim?: string;
  startedAt: string;
  expiresAt: string;
}

export type SessionEvent =
  | DomainEvent<'SessionStarted', SessionStartedData>
  | DomainEvent<'SessionEnded', { sessionId: string; reason: SessionEndReason; endedAt: string }>;

export const SESSION_EVENT_TYPES: ReadonlyArray<SessionEvent['type']> = ['SessionStarted', 'SessionEnded'];

export const sessionStream = (sessionId: string) => `session-${sessionId}`;
