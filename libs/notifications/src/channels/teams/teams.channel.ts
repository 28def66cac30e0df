import { Injectable } from '@nestjs/common';
import { outboundUrlProblem } from '../../outbound/outbound-address.js';
import { assertDelivered, OutboundHttp } from '../../outbound/outbound-http.js';
import type { DeliveryResult, NotificationChannel, OutboundMessage } from '../notification-channel.js';
import { adaptiveCardMessage } from './adaptive-card.js';

/** Microsoft Teams through a Workflows webhook URL (the retired O365 connectors are not supported). */
@Injectable()
export class TeamsChannel implements NotificationChannel {
  readonly kind = 'TEAMS' as const;

  constructor(private readonly http: OutboundHttp) {}

  validateAddress(address: string): string | undefined {
    const problem = outboundUrlProblem(address, { ...this.http.options, httpsOnly: true });
    return problem ? `A Teams Workflows webhook URL ${problem}` : undefined;
  }

  async send(address: string, message: OutboundMessage): Promise<DeliveryResult> {
    const body = JSON.stringify(adaptiveCardMessage(message));
    const response = await this.http.post(address, body, { 'content-type': 'application/json' });
    assertDelivered(response, 'Teams');
    return {};
  }
}
