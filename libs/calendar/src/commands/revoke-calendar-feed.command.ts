import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { CalendarPolicy } from '../calendar.policy.js';
import { calendarFeedDecider } from '../domain/calendar-feed.decider.js';
import { calendarFeedStream } from '../domain/calendar-feed.events.js';
import { CalendarFeedsProjection } from '../projections/calendar-feeds.projection.js';

/** Takes effect at once: the mutation answers after the feed's read model has applied it, so its URL answers 404. */
export class RevokeCalendarFeedCommand extends Command<string> {
  constructor(
    readonly feedId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RevokeCalendarFeedCommand)
export class RevokeCalendarFeedHandler implements ICommandHandler<RevokeCalendarFeedCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: CalendarPolicy,
    private readonly feeds: CalendarFeedsProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ feedId, context }: RevokeCalendarFeedCommand): Promise<string> {
    this.policy.assertCanRevoke(context, () => this.feeds.find(feedId));
    await this.runner.run(
      calendarFeedStream(feedId),
      calendarFeedDecider,
      { type: 'RevokeCalendarFeed', feedId, by: context.actor, at: this.clock.now().toISOString() },
      context,
    );
    return feedId;
  }
}
