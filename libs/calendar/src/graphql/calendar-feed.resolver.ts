import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  actorOf,
  actorOrNone,
  BadUserInputError,
  CurrentRequest,
  NotFoundError,
  PageArgs,
  type RequestContext,
} from '@app/core';
import { ScheduleQueries, SchedulingMapper } from '@app/scheduling';
import { CALENDAR_OPTIONS, type CalendarOptions } from '../calendar.options.js';
import { CalendarPolicy } from '../calendar.policy.js';
import { CreateCalendarFeedCommand } from '../commands/create-calendar-feed.command.js';
import { RevokeCalendarFeedCommand } from '../commands/revoke-calendar-feed.command.js';
import type { CalendarFeed } from '../domain/calendar-feed.decider.js';
import type { FeedSubject } from '../domain/calendar-feed.events.js';
import { CalendarFeedsProjection } from '../projections/calendar-feeds.projection.js';
import {
  CalendarFeedConnection,
  CalendarFeedModel,
  CreateCalendarFeedInput,
  CreatedCalendarFeedModel,
} from './calendar.models.js';

@Resolver(() => CalendarFeedModel)
export class CalendarFeedResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly feeds: CalendarFeedsProjection,
    private readonly policy: CalendarPolicy,
    private readonly schedule: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
    @Inject(CALENDAR_OPTIONS) private readonly options: CalendarOptions,
  ) {}

  @Mutation(() => CreatedCalendarFeedModel, {
    description:
      "A calendar feed of a responder's or a rotation's shifts (exactly one of the two): the responder themself, the rotation's members, or admins",
  })
  async createCalendarFeed(
    @Args('input') input: CreateCalendarFeedInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<CreatedCalendarFeedModel> {
    const { feedId, token } = await this.commands.execute(new CreateCalendarFeedCommand(subjectOf(input), context));
    return { id: feedId, url: `${this.options.publicUrl}/calendar/${token}.ics`, feed: this.model(this.feed(feedId)) };
  }

  @Mutation(() => CalendarFeedModel, {
    description: 'Its URL answers 404 from now on: its creator, the responder it shows, or admins',
  })
  async revokeCalendarFeed(
    @Args('id', { type: () => ID }) id: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<CalendarFeedModel> {
    await this.commands.execute(new RevokeCalendarFeedCommand(id, context));
    return this.model(this.feed(id));
  }

  @Query(() => CalendarFeedConnection, {
    description: 'The feeds you created or that show your shifts (admins: every feed), oldest first; never their URLs',
  })
  calendarFeeds(@Args() { first, after }: PageArgs, @CurrentRequest() context: RequestContext): CalendarFeedConnection {
    const page = this.feeds.page(this.policy.listsEveryFeed(context) ? null : context.actor, first, after);
    return { ...page, nodes: page.nodes.map((feed) => this.model(feed)) };
  }

  private feed(feedId: string): CalendarFeed {
    const feed = this.feeds.find(feedId);
    if (!feed) throw new NotFoundError('Calendar feed', feedId);
    return feed;
  }

  private model(feed: CalendarFeed): CalendarFeedModel {
    const { kind, id } = feed.subject;
    return {
      id: feed.feedId,
      state: feed.revokedAt ? 'REVOKED' : 'ACTIVE',
      subjectKind: kind,
      responder: kind === 'RESPONDER' ? this.mapper.responderById(id) : undefined,
      rotation: kind === 'ROTATION' ? this.mapper.rotation(this.schedule.rotation(id)) : undefined,
      createdAt: new Date(feed.createdAt),
      createdBy: actorOf(feed.createdBy),
      revokedAt: feed.revokedAt ? new Date(feed.revokedAt) : undefined,
      revokedBy: actorOrNone(feed.revokedBy),
    };
  }
}

/** Exactly one of responderId and rotationId. */
function subjectOf(input: CreateCalendarFeedInput): FeedSubject {
  if (input.responderId != null && input.rotationId != null) {
    throw new BadUserInputError('rotationId', 'give responderId or rotationId, not both');
  }
  if (input.responderId != null) return { kind: 'RESPONDER', id: input.responderId };
  if (input.rotationId != null) return { kind: 'ROTATION', id: input.rotationId };
  throw new BadUserInputError('responderId', 'give responderId (a responder’s shifts) or rotationId (a rotation’s)');
}
