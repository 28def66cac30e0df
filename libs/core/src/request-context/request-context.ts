import { randomUUID } from 'node:crypto';

/** What a caller may do, from the token they present (see libs/identity). */
export type Role = 'admin' | 'manager' | 'responder' | 'viewer' | 'integration' | 'system';

/** The roles a token may carry (every role but the system's own). */
export const TOKEN_ROLES = [
  'admin',
  'manager',
  'responder',
  'viewer',
  'integration',
] as const satisfies readonly Role[];
export type TokenRole = (typeof TOKEN_ROLES)[number];
export const ROLES: readonly Role[] = TOKEN_ROLES;

/**
 * Who is asking, with which role, and under which correlation id. Every command carries one, and
 * every event's metadata is filled from it. It comes from the bearer token of the request, or is
 * the system's own for time-driven steps.
 */
export interface RequestContext {
  /** The authenticated subject: a responder id, an integration or an operator. */
  actor: string;
  role: Role;
  correlationId: string;
  /** The API token the request was made with. */
  tokenId?: string;
  /** The browser session the request was made in (cookie sign-in), if any. */
  sessionId?: string;
  /** The event that caused this command, for time-driven and reactive steps. */
  causationId?: string;
}

export const SYSTEM_ACTOR = 'system';

export function systemContext(correlationId: string = randomUUID(), causationId?: string): RequestContext {
  return { actor: SYSTEM_ACTOR, role: 'system', correlationId, ...(causationId ? { causationId } : {}) };
}

/** The x-correlation-id header when it is sensible, else a new id. */
export function correlationIdFrom(headers: Record<string, string | string[] | undefined>): string {
  const value = headers['x-correlation-id'];
  const first = (Array.isArray(value) ? value[0] : value)?.trim();
  return first && first.length <= 200 ? first : randomUUID();
}
