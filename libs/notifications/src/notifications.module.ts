import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EscalationsModule } from '@app/escalations';
import { SchedulingModule } from '@app/scheduling';
import { ActionLinkController } from './actions/action-link.controller.js';
import { ActionLinks } from './actions/action-links.js';
import { ChannelRegistry } from './channels/channel-registry.js';
import { EmailChannel } from './channels/email.channel.js';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './channels/notification-channel.js';
import { AddContactMethodHandler } from './commands/add-contact-method.command.js';
import { ChangeContactMethodHandler } from './commands/change-contact-method.command.js';
import { SetNotificationRulesHandler } from './commands/set-notification-rules.command.js';
import { SetOnCallReminderHandler } from './commands/set-on-call-reminder.command.js';
import { OnCallReminderSource } from './delivery/on-call-reminder.source.js';
import { VerificationCodes } from './commands/verification-codes.js';
import { DeliverySource } from './delivery/delivery.source.js';
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
import { ContactMethodQueries } from './projections/contact-method.queries.js';
import { DeliveryQueries } from './projections/delivery.queries.js';
import { NotificationsProjection } from './projections/notifications.projection.js';
import { NOTIFICATION_SECRET, NotificationKeys } from './secrets/notification-keys.js';
import { notificationSecret } from './secrets/notification-secret.js';

/** Notifications: contact methods, notification rules, deliveries fed by the store's subscription, action links. */
@Module({
  imports: [SchedulingModule, EscalationsModule],
  controllers: [ActionLinkController],
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
    NotificationKeys,
    EmailChannel,
    {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (...channels: NotificationChannel[]) => channels,
      inject: [EmailChannel],
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
  ],
  exports: [ContactMethodQueries, DeliveryQueries, NotificationKeys, ChannelRegistry, NOTIFICATIONS_OPTIONS],
})
export class NotificationsModule {}
