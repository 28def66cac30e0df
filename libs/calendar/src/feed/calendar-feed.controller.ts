import { Controller, Get, Inject, Logger, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  AppError,
  CLOCK,
  DEFAULT_REQUEST_BUDGET_MS,
  RequestDeadline,
  withinRequestBudget,
  type Clock,
} from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import { CalendarPolicy, isMemberOf } from '../calendar.policy.js';
import { feedTokenHash, feedTokenOfFileName } from '../domain/feed-token.js';
import { CalendarFeedsProjection } from '../projections/calendar-feeds.projection.js';
import { CalendarFeedRenderer } from './calendar-feed.renderer.js';

/** Calendar apps refresh on their own; a revocation reaches them within five minutes of cache. */
const FEED_CACHE_CONTROL = 'private, max-age=300';

const PLAIN_HEADERS = {
  'content-type': 'text/plain; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * `GET /calendar/<token>.ics`: the feed the token opens, as iCalendar. The token is the only
 * credential (calendar apps send no other), so an unknown, malformed or revoked one, or one whose
 * creator may no longer see the schedule it shows, answers the same plain 404.
 */
@Controller('calendar')
export class CalendarFeedController {
  private readonly logger = new Logger(CalendarFeedController.name);

  constructor(
    private readonly feeds: CalendarFeedsProjection,
    private readonly renderer: CalendarFeedRenderer,
    private readonly policy: CalendarPolicy,
    private readonly schedule: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':file')
  serve(@Param('file') file: string, @Res() res: Response): void {
    const token = feedTokenOfFileName(file);
    const feed = token === undefined ? undefined : this.feeds.findByTokenHash(feedTokenHash(token));
    const now = this.clock.now();
    const servable =
      feed !== undefined &&
      this.policy.mayServe(feed, {
        isActive: () => this.schedule.isPageable(feed.createdBy, now),
        isMemberOf: (rotationId) => isMemberOf(this.schedule.findRotation(rotationId), feed.createdBy, now),
      });
    if (!feed || !servable) {
      res.status(404).set(PLAIN_HEADERS).send('No calendar feed here: the link is wrong or the feed was revoked.\n');
      return;
    }
    let body: string;
    try {
      body = withinRequestBudget(new RequestDeadline(DEFAULT_REQUEST_BUDGET_MS), () => this.renderer.render(feed));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.logger.warn(`Calendar feed ${feed.feedId} could not be built: ${error.message}`);
      res
        .status(503)
        .set({ ...PLAIN_HEADERS, 'retry-after': '60' })
        .send('The calendar could not be built just now; try again in a minute.\n');
      return;
    }
    res
      .status(200)
      .set({
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="on-call.ics"',
        'cache-control': FEED_CACHE_CONTROL,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-robots-tag': 'noindex',
      })
      .send(body);
  }
}
