import { createHmac, hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';

/** The service's notification secret (NOTIFICATION_SECRET, or a generated file): every signing key is derived from it. */
export const NOTIFICATION_SECRET = Symbol('NOTIFICATION_SECRET');

/**
 * Signing keys for outbound notifications, derived (HKDF-SHA256) from one configured secret, so no
 * per-endpoint secret is ever stored: a webhook endpoint's secret is shown once, when it is created,
 * and recomputed whenever a request to it is signed.
 */
@Injectable()
export class NotificationKeys {
  private readonly actionLinks: Buffer;
  private readonly webhooks: Buffer;
  private readonly verificationCodes: Buffer;

  constructor(@Inject(NOTIFICATION_SECRET) secret: string) {
    this.actionLinks = derive(secret, 'action-links');
    this.webhooks = derive(secret, 'webhook-endpoints');
    this.verificationCodes = derive(secret, 'verification-codes');
  }

  /** The Standard Webhooks secret (`whsec_` + base64 of 32 bytes) of one endpoint: a contact method or a subscription. */
  webhookSecret(endpointId: string): string {
    const key = createHmac('sha256', this.webhooks).update(endpointId).digest();
    return `whsec_${key.toString('base64')}`;
  }

  /**
   * The 6-digit code of one verification, derived rather than stored, so a VERIFICATION message
   * sent again after a restart carries the same code; the events keep only its HMAC.
   */
  verificationCode(verificationId: string): string {
    const n = createHmac('sha256', this.verificationCodes).update(`code:${verificationId}`).digest().readUInt32BE(0);
    return String(n % 1_000_000).padStart(6, '0');
  }

  /** What a contact method's events store in place of its code. */
  hashVerificationCode(verificationId: string, code: string): string {
    return createHmac('sha256', this.verificationCodes).update(`hash:${verificationId}:${code}`).digest('base64url');
  }

  /** The HMAC key that signs action links. */
  actionLinkKey(): Buffer {
    return this.actionLinks;
  }
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret), Buffer.alloc(0), `notifications/${purpose}`, 32));
}
