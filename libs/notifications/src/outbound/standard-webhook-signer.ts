import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { NotificationKeys } from '../secrets/notification-keys.js';

/** A Standard Webhooks message: `{ type, timestamp, data }`, signed with the endpoint's own secret. */
export interface StandardWebhookMessage {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Signs outbound webhook messages the Standard Webhooks way (standardwebhooks.com), through its own package. */
@Injectable()
export class StandardWebhookSigner {
  constructor(private readonly keys: NotificationKeys) {}

  /** The body and headers of one message; `messageId` is the receiver's idempotency key. */
  sign(endpointId: string, messageId: string, at: Date, message: StandardWebhookMessage) {
    const body = JSON.stringify(message);
    const signature = new Webhook(this.keys.webhookSecret(endpointId)).sign(messageId, at, body);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'incident-coordination-webhooks/1',
      'webhook-id': messageId,
      'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(),
      'webhook-signature': signature,
    };
    return { body, headers };
  }
}
