import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import express from 'express';
import { EscalationsModule } from '@app/escalations';
import { SchedulingModule } from '@app/scheduling';
import { NOTIFICATION_CHANNELS } from './channels/notification-channel.js';
import { SlackChannel } from './channels/slack/slack.channel.js';
import { SLACK_OPTIONS, type SlackOptions } from './channels/slack/slack.options.js';
import { TeamsChannel } from './channels/teams/teams.channel.js';
import { WebhookChannel } from './channels/webhook/webhook.channel.js';
import { OUTBOUND_HTTP_OPTIONS, OutboundHttp, type OutboundHttpOptions } from './outbound/outbound-http.js';
import { StandardWebhookSigner } from './outbound/standard-webhook-signer.js';
import { NotificationKeys } from './secrets/notification-keys.js';
import { notificationSecretProvider } from './secrets/notification-secret.provider.js';
import { SLACK_INTERACTIONS_PATH, SlackInteractionsController } from './slack/slack-interactions.controller.js';
import { SlackMessageUpdatesSource } from './slack/message-updates/slack-message-updates.source.js';
import { SlackPageMessagesProjection } from './slack/message-updates/slack-page-messages.projection.js';
import {
  CreateWebhookSubscriptionHandler,
  DeleteWebhookSubscriptionHandler,
} from './webhook-subscriptions/commands/webhook-subscription.commands.js';
import { WebhookDeliveriesSource } from './webhook-subscriptions/delivery/webhook-deliveries.source.js';
import { WebhookSubscriptionResolver } from './webhook-subscriptions/graphql/webhook-subscription.resolver.js';
import { WebhookOutboxProjection } from './webhook-subscriptions/projections/webhook-outbox.projection.js';
import { WebhookSubscriptionQueries } from './webhook-subscriptions/projections/webhook-subscription.queries.js';
import { WebhookSubscriptionsPolicy } from './webhook-subscriptions/webhook-subscriptions.policy.js';
import { SLACK_USER_DIRECTORY, UnlinkedSlackUserDirectory } from './slack/slack-user-directory.js';

const OUTBOUND_TIMEOUT_MS = 10_000;

/** Notifications: contact methods, notification rules, deliveries fed by the store's subscription, action links. */
@Module({
  imports: [SchedulingModule, EscalationsModule],
  controllers: [SlackInteractionsController],
  providers: [
    notificationSecretProvider,
    NotificationKeys,
    {
      provide: OUTBOUND_HTTP_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): OutboundHttpOptions => ({
        allowPrivateAddresses: config.get<boolean>('WEBHOOK_ALLOW_PRIVATE_ADDRESSES') === true,
        timeoutMs: OUTBOUND_TIMEOUT_MS,
      }),
    },
    {
      provide: SLACK_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): SlackOptions => ({
        botToken: config.get<string>('SLACK_BOT_TOKEN'),
        signingSecret: config.get<string>('SLACK_SIGNING_SECRET'),
        apiUrl: config.get<string>('SLACK_API_URL'),
        timeoutMs: OUTBOUND_TIMEOUT_MS,
      }),
    },
    { provide: SLACK_USER_DIRECTORY, useClass: UnlinkedSlackUserDirectory },
    OutboundHttp,
    StandardWebhookSigner,
    SlackChannel,
    TeamsChannel,
    WebhookChannel,
    SlackPageMessagesProjection,
    SlackMessageUpdatesSource,
    WebhookSubscriptionsPolicy,
    WebhookOutboxProjection,
    WebhookSubscriptionQueries,
    WebhookDeliveriesSource,
    CreateWebhookSubscriptionHandler,
    DeleteWebhookSubscriptionHandler,
    WebhookSubscriptionResolver,
    {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (...channels: unknown[]) => channels,
      inject: [SlackChannel, TeamsChannel, WebhookChannel],
    },
  ],
  exports: [NOTIFICATION_CHANNELS, NotificationKeys, OutboundHttp, SlackChannel],
})
export class NotificationsModule implements NestModule {
  /** Slack signs the raw form body: that route alone keeps it as bytes. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.raw({ type: 'application/x-www-form-urlencoded', limit: '1mb' }))
      .forRoutes({ path: SLACK_INTERACTIONS_PATH, method: RequestMethod.POST });
  }
}
