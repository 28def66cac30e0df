import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { CalendarPolicy, isMemberOf } from '../calendar.policy.js';
import { calendarFeedDecider } from '../domain/calendar-feed.decider.js';
import { calendarFeedStream, type FeedSubject } from '../domain/calendar-feed.events.js';
import { feedTokenHash, newFeedToken } from '../domain/feed-token.js';

export interface CreatedCalendarFeed {
  feedId: string;
  /** Shown once, in the feed's URL; only its hash is stored. */
  token: string;
}

export class CreateCalendarFeedCommand extends Command<CreatedCalendarFeed> {
  constructor(
    readonly subject: FeedSubject,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CreateCalendarFeedCommand)
export class CreateCalendarFeedHandler implements ICommandHandler<CreateCalendarFeedCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: CalendarPolicy,
    private readonly schedule: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subject, context }: CreateCalendarFeedCommand): Promise<CreatedCalendarFeed> {
    const now = this.clock.now();
    if (subject.kind === 'RESPONDER') {
      this.policy.assertCanCreateResponderFeed(context, subject.id);
      this.schedule.responder(subject.id);
    } else {
      this.policy.assertCanCreateRotationFeed(context, () =>
        isMemberOf(this.schedule.findRotation(subject.id), context.actor, now),
      );
      this.schedule.rotation(subject.id);
    }
    const feedId = randomUUID();
    const token = newFeedToken();
    await this.runner.run(
      calendarFeedStream(feedId),
      calendarFeedDecider,
      {
        type: 'CreateCalendarFeed',
        feedId,
        subject,
        tokenHash: feedTokenHash(token),
        createdBy: context.actor,
        createdByRole: context.role,
        createdAt: now.toISOString(),
      },
      context,
    );
    return { feedId, token };
  }
}
