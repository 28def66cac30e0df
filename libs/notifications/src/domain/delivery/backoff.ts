import { createHash } from 'node:crypto';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential backoff with jitter: attempt n waits between half and all of base·2^(n-1) (capped).
 * The jitter comes from a hash of the delivery and attempt, so instances that replay the same
 * failure agree on when to retry, while deliveries failing together spread out.
 */
export function retryDelayMs(policy: RetryPolicy, deliveryId: string, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const unit = createHash('sha256').update(`${deliveryId}:${attempt}`).digest().readUInt32BE(0) / 0xffffffff;
  return Math.round(ceiling * (0.5 + unit / 2));
}
