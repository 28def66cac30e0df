import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentRequest, enumFromList, requireRole, type RequestContext } from '@app/core';
import { SKIP_REASONS, type SkipReason, type SkippedEvent } from '../foreign-events.js';
import type { ProjectionFailure } from '../projections/projection-failure.js';
import { ProjectionRunner, type ProjectionStatus } from '../projections/projection-runner.js';

/** The store's skip reasons as a GraphQL enum: `system-stream` is SYSTEM_STREAM. */
export const SkippedEventReason = enumFromList(SKIP_REASONS, 'SkippedEventReason', {
  names: 'upper',
  description: 'Why an event in the store is not one the service wrote',
});

@ObjectType('ProjectionFailure', { description: 'Why a read model does not advance' })
export class ProjectionFailureModel {
  @Field({ nullable: true, description: 'The event it fails on, when one is to blame' })
  eventId?: string;

  @Field({ nullable: true })
  streamId?: string;

  @Field({ nullable: true })
  type?: string;

  @Field({ nullable: true, description: 'Global position of that event' })
  position?: string;

  @Field()
  error: string;

  @Field(() => Int, { description: 'Attempts in a row that failed like this' })
  attempts: number;
}

@ObjectType('SkippedEventCount')
export class SkippedEventCountModel {
  @Field(() => SkippedEventReason)
  reason: SkipReason;

  @Field(() => Int)
  count: number;
}

@ObjectType('SkippedEvent', { description: 'An event the service did not write, passed over' })
export class SkippedEventModel {
  @Field()
  eventId: string;

  @Field()
  streamId: string;

  @Field()
  type: string;

  @Field()
  position: string;

  @Field(() => SkippedEventReason)
  reason: SkipReason;
}

@ObjectType('ProjectionStatus')
export class ProjectionStatusModel {
  @Field()
  name: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'Global position of the last event applied; "start" before the first' })
  position: string;

  @Field({ description: 'starting, running, failed (see failure) or stopped' })
  state: string;

  @Field({ description: 'Has applied every event the store held when this process started' })
  caughtUp: boolean;

  @Field({ nullable: true })
  error?: string;

  @Field(() => ProjectionFailureModel, { nullable: true, description: 'Set while the read model is stuck' })
  failure?: ProjectionFailureModel;

  @Field(() => Int, { description: 'Events the service did not write, passed over since this process started' })
  skippedEvents: number;

  @Field(() => [SkippedEventCountModel])
  skippedByReason: SkippedEventCountModel[];

  @Field(() => SkippedEventModel, { nullable: true })
  lastSkippedEvent?: SkippedEventModel;
}

function toFailure(failure: ProjectionFailure): ProjectionFailureModel {
  return { ...failure, position: failure.position?.toString() };
}

function toSkipped(event: SkippedEvent): SkippedEventModel {
  return {
    eventId: event.id,
    streamId: event.streamId,
    type: event.type,
    position: event.position.toString(),
    reason: event.reason,
  };
}

function toModel(status: ProjectionStatus): ProjectionStatusModel {
  return {
    name: status.name,
    version: status.version,
    position: status.position.toString(),
    state: status.state,
    caughtUp: status.caughtUp,
    error: status.error,
    failure: status.failure && toFailure(status.failure),
    skippedEvents: status.skipped.total,
    skippedByReason: status.skipped.entries(),
    lastSkippedEvent: status.skipped.last && toSkipped(status.skipped.last),
  };
}

@Resolver(() => ProjectionStatusModel)
export class ProjectionsResolver {
  constructor(private readonly runner: ProjectionRunner) {}

  @Query(() => [ProjectionStatusModel], { description: 'Read models and how far each has applied the event log' })
  projections(@CurrentRequest() context: RequestContext): ProjectionStatusModel[] {
    requireRole(context, ['admin'], 'see projections');
    return this.runner.statuses().map(toModel);
  }

  @Mutation(() => ProjectionStatusModel, {
    description: 'Rebuilds a read model from the first event; answers once caught up',
  })
  async rebuildProjection(
    @Args('name') name: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<ProjectionStatusModel> {
    requireRole(context, ['admin'], 'rebuild projections');
    return toModel(await this.runner.rebuild(name));
  }
}
