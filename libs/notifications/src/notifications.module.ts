import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import express from 'express';
import { EscalationsModule } from '@app/escalations';
import { SchedulingModule } from '@app/scheduling';
import { ActionLinkController } from './actions/action-link.controller.js';
import { ActionLinks } from './actions/action-links.js';
import { ChannelRegistry } from './channels/channel-registry.js';
import { EmailChannel } from './channels/email.channel.js';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels/notification-channel.js';
import { SlackChannel } from './channels/slack/slack.channel.js';
import { SLACK_OPTIONS, type SlackOptions } from './channels/slack/slack.options.js';
import { TeamsChannel } from './channels/teams/teams.channel.js';
import { WebhookChannel } from './channels/webhook/webhook.channel.js';
import { AddContactMethodHandler } from './commands/add-contact-method.command.js';
import { ChangeContactMethodHandler } from './commands/change-contact-method.command.js';
import { SetNotificationRulesHandler } from './commands/set-notification-rules.command.js';
import { SetOnCallReminderHandler } from './commands/set-on-call-reminder.command.js';
import { OnCallReminderSource } from './scheduler/on-call-reminder.source.js';
import { VerificationCodes } from './commands/verification-codes.js';
import { DeliverySource } from './scheduler/delivery.source.js';
import { MessageComposer } from './delivery/message-composer.js';
import { NotificationTimeline } from './delivery/notification-timeline.js';
import { ContactMethodResolver } from './graphql/contact-method.resolver.js';
import { NotificationsMapper } from './graphql/notifications.mapper.js';
import { PageNotificationsResolver } from './graphql/page-notifications.resolver.js';
import {
  OnCallReachabilityResolver,
  ResponderNotificationsResolver,
} from './graphql/responder-notifications.resolver.js';
import { NOTIFICATIONS_OPTIONS, notificationsOptionsFrom } from './notifications.options.js';
import { NotificationsAccessPolicy } from './notifications.policy.js';
import { OUTBOUND_HTTP_OPTIONS, OutboundHttp, type OutboundHttpOptions } from './outbound/outbound-http.js';
import { StandardWebhookSigner } from './outbound/standard-webhook-signer.js';
import { ContactMethodQueries } from './projections/contact-method.queries.js';
import { DeliveryQueries } from './projections/delivery.queries.js';
import { NotificationsProjection } from './projections/notifications.projection.js';
import { NOTIFICATION_SECRET, NotificationKeys } from './secrets/notification-keys.js';
import { notificationSecret } from './secrets/notification-secret.js';
import { SlackMessageUpdatesSource } from './scheduler/slack-message-updates.source.js';
import { SlackPageMessagesProjection } from './slack/message-updates/slack-page-messages.projection.js';
import { SLACK_INTERACTIONS_PATH, SlackInteractionsController } from './slack/slack-interactions.controller.js';
import { SLACK_USER_DIRECTORY } from './slack/slack-user-directory.js';
import {
  CreateWebhookSubscriptionHandler,
  DeleteWebhookSubscriptionHandler,
} from './webhook-subscriptions/commands/webhook-subscription.commands.js';
import { WebhookDeliveriesSource } from './scheduler/webhook-deliveries.source.js';
import { WebhookSubscriptionResolver } from './webhook-subscriptions/graphql/webhook-subscription.resolver.js';
import { WebhookOutboxProjection } from './webhook-subscriptions/projections/webhook-outbox.projection.js';
import { WebhookSubscriptionQueries } from './webhook-subscriptions/projections/webhook-subscription.queries.js';
import { WebhookSubscriptionsPolicy } from './webhook-subscriptions/webhook-subscriptions.policy.js';

const OUTBOUND_TIMEOUT_MS = 10_000;

/** Notifications: contact methods, notification rules, deliveries fed by the store's subscription, action links. */
@Module({
  imports: [SchedulingModule, EscalationsModule],
  controllers: [ActionLinkController, SlackInteractionsController],
  providers: [
    {
      provide: NOTIFICATION_SECRET,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        notificationSecret(
          config.get<string>('NOTIFICATION_SECRET'),
          config.get<string>('NOTIFICATION_SECRET_FILE') ?? './data/notification-secret',
        ),
    },
    {
      provide: NOTIFICATIONS_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => notificationsOptionsFrom((key) => config.get(key)),
    },
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
    NotificationKeys,
    OutboundHttp,
    StandardWebhookSigner,
    EmailChannel,
    SlackChannel,
    TeamsChannel,
    WebhookChannel,
    {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (...channels: NotificationChannel[]) => channels,
      inject: [EmailChannel, SlackChannel, TeamsChannel, WebhookChannel],
    },
    {
      provide: SLACK_USER_DIRECTORY,
      inject: [ContactMethodQueries],
      useFactory: (methods: ContactMethodQueries) => ({
        responderForSlackUser: (slackUserId: string) => methods.findVerified('SLACK', slackUserId)?.responderId,
      }),
    },
    ChannelRegistry,
    NotificationsAccessPolicy,
    NotificationsProjection,
    ContactMethodQueries,
    DeliveryQueries,
    VerificationCodes,
    ActionLinks,
    MessageComposer,
    // Before DeliverySource: a reminder recorded in a scheduler pass is sent in the same pass.
    OnCallReminderSource,
    DeliverySource,
    NotificationTimeline,
    AddContactMethodHandler,
    ChangeContactMethodHandler,
    SetNotificationRulesHandler,
    SetOnCallReminderHandler,
    NotificationsMapper,
    ContactMethodResolver,
    ResponderNotificationsResolver,
    OnCallReachabilityResolver,
    PageNotificationsResolver,
    SlackPageMessagesProjection,
    SlackMessageUpdatesSource,
    WebhookSubscriptionsPolicy,
    WebhookOutboxProjection,
    WebhookSubscriptionQueries,
    WebhookDeliveriesSource,
    CreateWebhookSubscriptionHandler,
    DeleteWebhookSubscriptionHandler,
    WebhookSubscriptionResolver,
  ],
  exports: [
    ContactMethodQueries,
    DeliveryQueries,
    NotificationKeys,
    ChannelRegistry,
    NOTIFICATIONS_OPTIONS,
    NOTIFICATION_CHANNELS,
    OutboundHttp,
    SlackChannel,
  ],
})
export class NotificationsModule implements NestModule {
  /** Slack signs the raw form body: that route alone keeps it as bytes. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.raw({ type: 'application/x-www-form-urlencoded', limit: '1mb' }))
      .forRoutes({ path: SLACK_INTERACTIONS_PATH, method: RequestMethod.POST });
  }
}
