import type { RetryPolicy } from './domain/delivery/backoff.js';

/** Configuration of outbound notifications (validated in apps/api/src/config/environment.ts). */
export interface NotificationsOptions {
  /** Where action links point: `${publicUrl}/actions/<token>`. */
  publicUrl: string;
  /** smtp://user:pass@host:587 (or smtps://); unset: e-mails fail without retry. */
  smtpUrl?: string;
  smtpFrom: string;
  smtpTlsRejectUnauthorized: boolean;
  retry: RetryPolicy;
  /** How long a claimed send may stay without a result before another attempt is made. */
  sendLeaseMs: number;
  /** How long an action link stays valid. */
  actionLinkTtlHours: number;
}

export const NOTIFICATIONS_OPTIONS = Symbol('NOTIFICATIONS_OPTIONS');

/** Reads the options from the validated configuration (a ConfigService's `get`). */
export function notificationsOptionsFrom(get: (key: string) => unknown): NotificationsOptions {
  return {
    publicUrl: String(get('PUBLIC_URL') ?? 'http://localhost:3000').replace(/\/+$/, ''),
    smtpUrl: (get('SMTP_URL') as string | undefined) || undefined,
    smtpFrom: String(get('SMTP_FROM') ?? 'On call <oncall@localhost>'),
    smtpTlsRejectUnauthorized: get('SMTP_TLS_REJECT_UNAUTHORIZED') !== false,
    retry: {
      maxAttempts: Number(get('NOTIFICATION_MAX_ATTEMPTS') ?? 6),
      baseDelayMs: Number(get('NOTIFICATION_RETRY_BASE_MS') ?? 30_000),
      maxDelayMs: Number(get('NOTIFICATION_RETRY_MAX_MS') ?? 30 * 60_000),
    },
    sendLeaseMs: Number(get('NOTIFICATION_SEND_LEASE_MS') ?? 120_000),
    actionLinkTtlHours: 24,
  };
}
