import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { VERIFICATION_TTL_HOURS } from '../domain/contact-method/contact-method.events.js';
import { NotificationKeys } from '../secrets/notification-keys.js';

/** Verification codes: derived from the notification secret, stored only as an HMAC. */
@Injectable()
export class VerificationCodes {
  constructor(private readonly keys: NotificationKeys) {}

  issue(now: Date) {
    const verificationId = randomUUID();
    return {
      verificationId,
      codeHash: this.keys.hashVerificationCode(verificationId, this.keys.verificationCode(verificationId)),
      expiresAt: new Date(now.getTime() + VERIFICATION_TTL_HOURS * 3_600_000).toISOString(),
    };
  }

  /** The code a VERIFICATION message carries. */
  code(verificationId: string): string {
    return this.keys.verificationCode(verificationId);
  }

  readonly hash = (verificationId: string, code: string) => this.keys.hashVerificationCode(verificationId, code);

  webhookSecret(contactMethodId: string): string {
    return this.keys.webhookSecret(contactMethodId);
  }
}
