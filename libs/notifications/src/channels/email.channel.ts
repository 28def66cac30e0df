import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { isEmail } from 'class-validator';
import nodemailer, { type Transporter } from 'nodemailer';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options.js';
import {
  ChannelError,
  type DeliveryResult,
  type NotificationChannel,
  type OutboundMessage,
} from './notification-channel.js';

/** E-mail through one SMTP server (SMTP_URL), plain text with the action links, readable on a phone. */
@Injectable()
export class EmailChannel implements NotificationChannel, OnModuleDestroy {
  readonly kind = 'EMAIL' as const;
  private transport?: Transporter;
  private readonly password: string | undefined;

  constructor(@Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions) {
    this.password = options.smtpUrl ? decodeURIComponent(new URL(options.smtpUrl).password) || undefined : undefined;
  }

  validateAddress(address: string): string | undefined {
    if (address.length > 254 || /\p{Cs}/u.test(address) || !isEmail(address, { require_tld: false })) {
      return `${JSON.stringify(address.slice(0, 100))} is not an e-mail address`;
    }
    return undefined;
  }

  async send(address: string, message: OutboundMessage): Promise<DeliveryResult> {
    const transport = this.connect();
    const links = message.actions.map((a) => `${a.label}: ${a.url}`);
    const text = [message.text, ...(links.length > 0 ? ['', ...links] : [])].join('\n');
    try {
      const info = await transport.sendMail({
        from: this.options.smtpFrom,
        to: address,
        subject: message.subject,
        text,
        headers: { 'X-Delivery-Id': message.deliveryId },
        messageId: `<${message.deliveryId}@notifications>`,
      });
      return { externalId: info.messageId };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const permanent = code !== undefined && code >= 500 && code < 600;
      throw new ChannelError(`SMTP: ${this.redact((error as Error).message)}`, !permanent);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  private connect(): Transporter {
    if (!this.options.smtpUrl) throw new ChannelError('SMTP_URL is not configured', false);
    this.transport ??= nodemailer.createTransport({
      url: this.options.smtpUrl,
      tls: { rejectUnauthorized: this.options.smtpTlsRejectUnauthorized },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      logger: false,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return this.transport;
  }

  /** An error must never carry the SMTP password into an event or a log. */
  private redact(text: string): string {
    return this.password ? text.split(this.password).join('***') : text;
  }
}
