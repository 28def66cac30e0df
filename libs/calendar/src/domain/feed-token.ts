import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters, as hard to guess as a 256-bit key. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored and looked up: the token itself is never kept. A plain hash suffices for 256 random bits. */
export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token of a `/calendar/<token>.ics` file name, or undefined when the name cannot be one of ours. */
export function feedTokenOfFileName(fileName: string): string | undefined {
  if (!fileName.endsWith('.ics')) return undefined;
  const token = fileName.slice(0, -'.ics'.length);
  return TOKEN.test(token) ? token : undefined;
}
