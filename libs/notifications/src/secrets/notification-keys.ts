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

  constructor(@Inject(NOTIFICATION_SECRET) secret: string) {
    this.actionLinks = derive(secret, 'action-links');
    this.webhooks = derive(secret, 'webhook-endpoints');
  }

  /** The Standard Webhooks secret (`whsec_` + base64 of 32 bytes) of one endpoint: a contact method or a subscription. */
  webhookSecret(endpointId: string): string {
    const key = createHmac('sha256', this.webhooks).update(endpointId).digest();
    return `whsec_${key.toString('base64')}`;
  }

  /** The HMAC key that signs action links. */
  actionLinkKey(): Buffer {
    return this.actionLinks;
  }
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret), Buffer.alloc(0), `notifications/${purpose}`, 32));
}
