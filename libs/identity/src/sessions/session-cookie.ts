import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'ic_session';
/** The header a cookie-authenticated request that changes something carries (the session's CSRF token). */
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionCredentials {
  sessionId: string;
  /** 256 random bits, base64url: only the browser's cookie holds it. */
  secret: string;
}

const COOKIE_VALUE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export function newSessionCredentials(): SessionCredentials {
  return { sessionId: randomUUID(), secret: randomBytes(32).toString('base64url') };
}

export function sessionCookieValue({ sessionId, secret }: SessionCredentials): string {
  return `${sessionId}.${secret}`;
}

/** What the store keeps of a secret. */
export function hashSessionSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function secretMatches(secretHash: string, secret: string): boolean {
  const expected = Buffer.from(secretHash);
  const actual = Buffer.from(hashSessionSecret(secret));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * The session's CSRF token, derived from its secret: a page of this service reads it from
 * `GET /auth/session` and sends it back in the x-csrf-token header; another site can neither read
 * the cookie nor the answer, so it cannot forge the header. Nothing about it is stored.
 */
export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('csrf').digest('base64url');
}

export function csrfTokenMatches(secret: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(secret));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The session cookie's credentials in a Cookie header, when it holds one of the right shape. */
export function sessionCredentialsFrom(cookieHeader: string | string[] | undefined): SessionCredentials | null {
  const value = cookieNamed(Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader, SESSION_COOKIE);
  const match = value ? COOKIE_VALUE.exec(value) : null;
  return match ? { sessionId: match[1], secret: match[2] } : null;
}

/** One cookie's value in a Cookie header (RFC 6265 `name=value; name2=value2`). */
export function cookieNamed(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 16_384) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name)
      return pair
        .slice(at + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}
