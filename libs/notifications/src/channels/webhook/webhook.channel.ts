import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/core';
import { outboundUrlProblem } from '../../outbound/outbound-address.js';
import { assertDelivered, OutboundHttp } from '../../outbound/outbound-http.js';
import { StandardWebhookSigner } from '../../outbound/standard-webhook-signer.js';
import {
  ChannelError,
  type DeliveryResult,
  type NotificationChannel,
  type OutboundMessage,
} from '../notification-channel.js';

/** The endpoint a message is signed for: `endpointId`, else `data.contactMethodId`. */
export function endpointOf(message: OutboundMessage): string | undefined {
  if (message.endpointId) return message.endpointId;
  const fromData = message.data.contactMethodId;
  return typeof fromData === 'string' && fromData ? fromData : undefined;
}

/** A responder's own webhook: a signed Standard Webhooks POST, `webhook-id` = the delivery id. */
@Injectable()
export class WebhookChannel implements NotificationChannel {
  readonly kind = 'WEBHOOK' as const;

  constructor(
    private readonly http: OutboundHttp,
    private readonly signer: StandardWebhookSigner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  validateAddress(address: string): string | undefined {
    const problem = outboundUrlProblem(address, this.http.options);
    return problem ? `A webhook URL ${problem}` : undefined;
  }

  async send(address: string, message: OutboundMessage): Promise<DeliveryResult> {
    const endpointId = endpointOf(message);
    if (!endpointId) throw new ChannelError('A webhook message must name its endpoint (endpointId)', false);
    const at = this.clock.now();
    const { body, headers } = this.signer.sign(endpointId, message.deliveryId, at, {
      type: `notification.${message.kind.toLowerCase()}`,
      timestamp: at.toISOString(),
      data: {
        ...message.data,
        subject: message.subject,
        text: message.text,
        actions: message.actions,
        ...(message.pageId ? { pageId: message.pageId } : {}),
        ...(message.escalationId ? { escalationId: message.escalationId } : {}),
        ...(message.responderId ? { responderId: message.responderId } : {}),
      },
    });
    assertDelivered(await this.http.post(address, body, headers), 'The webhook');
    return {};
  }
}
