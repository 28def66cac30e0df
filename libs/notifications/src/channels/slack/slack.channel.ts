import { Inject, Injectable } from '@nestjs/common';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  type KnownBlock,
} from '@slack/web-api';
import {
  ChannelError,
  type DeliveryResult,
  type NotificationChannel,
  type OutboundMessage,
} from '../notification-channel.js';
import { slackBlocks } from './slack-blocks.js';
import { SLACK_OPTIONS, type SlackOptions } from './slack.options.js';

/** A Slack user (U…, W…) or a channel, private group or direct conversation (C…, G…, D…). */
const SLACK_ID = /^[UWCGD][A-Z0-9]{8,10}$/;

/** Slack errors worth trying again later; every other one (channel_not_found, invalid_auth…) will not change by itself. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Posts to a Slack user or channel through the workspace's bot (chat.postMessage), with
 * Acknowledge/Resolve buttons on pages. The client does not retry: the delivery pipeline does.
 */
@Injectable()
export class SlackChannel implements NotificationChannel {
  readonly kind = 'SLACK' as const;
  private readonly client?: WebClient;

  constructor(@Inject(SLACK_OPTIONS) options: SlackOptions) {
    if (options.botToken) {
      this.client = new WebClient(options.botToken, {
        slackApiUrl: options.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: options.timeoutMs,
        allowAbsoluteUrls: false,
      });
    }
  }

  validateAddress(address: string): string | undefined {
    return SLACK_ID.test(address)
      ? undefined
      : 'A Slack address is a user id (U… or W…) or a channel id (C…, G… or D…): 9 to 11 uppercase letters and digits';
  }

  async send(address: string, message: OutboundMessage): Promise<DeliveryResult> {
    const client = this.requireClient();
    const answer = await call(() =>
      client.chat.postMessage({
        channel: address,
        text: `${message.subject}\n${message.text}`,
        blocks: slackBlocks(message),
        unfurl_links: false,
      }),
    );
    return answer.channel && answer.ts ? { externalId: `${answer.channel}:${answer.ts}` } : {};
  }

  /** Replaces a message sent earlier (`externalId` = `channel:ts`, as `send` returned it). */
  async update(externalId: string, text: string, blocks: KnownBlock[]): Promise<void> {
    const client = this.requireClient();
    const [channel, ts] = splitExternalId(externalId);
    await call(() => client.chat.update({ channel, ts, text, blocks }));
  }

  /** A message only `user` sees in `channel` (why their click was refused). */
  async postEphemeral(channel: string, user: string, text: string): Promise<void> {
    const client = this.requireClient();
    await call(() => client.chat.postEphemeral({ channel, user, text }));
  }

  private requireClient(): WebClient {
    if (!this.client) throw new ChannelError('Slack is not configured (SLACK_BOT_TOKEN is unset)', false);
    return this.client;
  }
}

export function splitExternalId(externalId: string): [string, string] {
  const at = externalId.indexOf(':');
  if (at <= 0) throw new ChannelError(`${externalId} is not a Slack message reference (channel:ts)`, false);
  return [externalId.slice(0, at), externalId.slice(at + 1)];
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof WebAPIPlatformError) {
      const code = error.data.error;
      throw new ChannelError(`Slack refused the message: ${code}`, TRANSIENT.has(code));
    }
    if (error instanceof WebAPIRateLimitedError) {
      throw new ChannelError(`Slack is rate limiting us (retry after ${error.retryAfter} s)`, true);
    }
    if (error instanceof WebAPIHTTPError) {
      const status = error.statusCode;
      throw new ChannelError(`Slack answered ${status}`, status === 408 || status === 429 || status >= 500);
    }
    throw new ChannelError(`Could not reach Slack: ${(error as Error).message}`, true);
  }
}
