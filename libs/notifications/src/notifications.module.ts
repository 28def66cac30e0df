import { Module } from '@nestjs/common';

/** Notifications: contact methods, notification rules, deliveries fed by the store's subscription, action links. */
@Module({
  imports: [],
  providers: [],
  exports: [],
})
export class NotificationsModule {}
