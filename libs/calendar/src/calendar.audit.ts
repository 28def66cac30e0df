import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, requireRole, type RequestContext } from '@app/core';
import { AuditSourceProvider, type AuditSource } from '@app/event-store';
import { CalendarPolicy } from './calendar.policy.js';
import { calendarFeedStream } from './domain/calendar-feed.events.js';
import { CalendarFeedsProjection } from './projections/calendar-feeds.projection.js';

/** Who created and revoked a feed: admins, its creator and the responder it shows. */
@AuditSourceProvider()
@Injectable()
export class CalendarFeedAuditSource implements AuditSource {
  readonly kind = 'calendar-feed';

  constructor(
    private readonly feeds: CalendarFeedsProjection,
    private readonly policy: CalendarPolicy,
  ) {}

  streamFor(id: string): string {
    return calendarFeedStream(id);
  }

  assertCanAudit(context: RequestContext, id: string): void {
    requireRole(context, ['admin', 'manager', 'responder'], 'audit calendar feeds');
    const feed = this.feeds.find(id);
    if (this.policy.listsEveryFeed(context)) {
      if (!feed) throw new NotFoundError('Calendar feed', id);
      return;
    }
    if (!feed || !this.policy.isOwnFeed(context, feed)) throw new ForbiddenError('Not a calendar feed of yours');
  }
}
