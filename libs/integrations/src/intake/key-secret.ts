import { createHash, randomBytes } from 'node:crypto';

/** A new integration key: 32 hexadecimal characters (128 random bits), the shape of PagerDuty's routing keys. */
export function newKeySecret(): string {
  return randomBytes(16).toString('hex');
}

export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
