import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulingModule } from '@app/scheduling';
import { CalendarFeedAuditSource } from './calendar.audit.js';
import { CALENDAR_OPTIONS, calendarOptionsFrom } from './calendar.options.js';
import { CalendarPolicy } from './calendar.policy.js';
import { CreateCalendarFeedHandler } from './commands/create-calendar-feed.command.js';
import { RevokeCalendarFeedHandler } from './commands/revoke-calendar-feed.command.js';
import { CalendarFeedController } from './feed/calendar-feed.controller.js';
import { CalendarFeedRenderer } from './feed/calendar-feed.renderer.js';
import { CalendarFeedResolver } from './graphql/calendar-feed.resolver.js';
import { CalendarFeedsProjection } from './projections/calendar-feeds.projection.js';

/** Calendar feeds: iCalendar subscriptions of on-call shifts, created and revoked as events, served by token. */
@Module({
  imports: [SchedulingModule],
  controllers: [CalendarFeedController],
  providers: [
    {
      provide: CALENDAR_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => calendarOptionsFrom((key) => config.get(key)),
    },
    CalendarPolicy,
    CalendarFeedsProjection,
    CalendarFeedRenderer,
    CreateCalendarFeedHandler,
    RevokeCalendarFeedHandler,
    CalendarFeedResolver,
    CalendarFeedAuditSource,
  ],
})
export class CalendarModule {}
