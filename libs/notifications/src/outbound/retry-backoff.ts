import { createHash } from 'node:crypto';

export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * When to try again after failed attempt `attempt` (1-based), or undefined when none is left:
 * exponential backoff with "equal jitter" (half the delay fixed, half spread), the spread derived
 * from `key` so that every instance and every replay computes the same instant.
 */
export function nextAttemptAt(policy: BackoffPolicy, key: string, attempt: number, failedAt: Date): Date | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const spread = createHash('sha256').update(`${key}#${attempt}`).digest().readUInt32BE(0) / 0x1_0000_0000;
  return new Date(failedAt.getTime() + Math.round(exponential / 2 + (exponential / 2) * spread));
}
