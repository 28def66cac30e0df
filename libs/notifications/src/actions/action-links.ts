import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { deterministicId } from '@app/event-store';
import type { PageAction } from '../channels/notification-channel.js';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options.js';
import { NotificationKeys } from '../secrets/notification-keys.js';

export const PAGE_ACTIONS: readonly PageAction[] = ['ACKNOWLEDGE', 'RESOLVE', 'ESCALATE'];

export interface ActionLinkClaims {
  linkId: string;
  pageId: string;
  responderId: string;
  action: PageAction;
  expiresAt: Date;
}

export type ActionLinkCheck = { ok: true; claims: ActionLinkClaims } | { ok: false; reason: 'FORGED' | 'EXPIRED' };

const AUDIENCE = 'action-link';

/**
 * Signed links (an HS256 JWT keyed with NotificationKeys.actionLinkKey) bound to one page, one
 * recipient and one action, expiring after a day. The link id is derived from the delivery, so a
 * message sent again carries the same single-use links.
 */
@Injectable()
export class ActionLinks {
  constructor(
    private readonly keys: NotificationKeys,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {}

  async url(deliveryId: string, pageId: string, responderId: string, action: PageAction, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ pid: pageId, rid: responderId, act: action })
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(deterministicId('action-link', deliveryId, action))
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.options.actionLinkTtlHours * 3600)
      .sign(this.keys.actionLinkKey());
    return `${this.options.publicUrl}/actions/${token}`;
  }

  async check(token: string, now: Date): Promise<ActionLinkCheck> {
    if (token.length > 2000 || !canonicalSignature(token)) return { ok: false, reason: 'FORGED' };
    try {
      const { payload } = await jwtVerify(token, this.keys.actionLinkKey(), {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ['jti', 'exp'],
      });
      const action = payload.act as PageAction;
      if (typeof payload.pid !== 'string' || typeof payload.rid !== 'string' || !PAGE_ACTIONS.includes(action)) {
        return { ok: false, reason: 'FORGED' };
      }
      return {
        ok: true,
        claims: {
          linkId: payload.jti!,
          pageId: payload.pid,
          responderId: payload.rid,
          action,
          expiresAt: new Date(payload.exp! * 1000),
        },
      };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'EXPIRED' : 'FORGED' };
    }
  }
}

/**
 * Base64url leaves the last character's low bits unused, so several spellings decode to one
 * signature: a link is accepted only as it was written.
 */
function canonicalSignature(token: string): boolean {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}
