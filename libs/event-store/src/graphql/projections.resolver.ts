import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentRequest, requireRole, type RequestContext } from '@app/core';
import { ProjectionRunner, type ProjectionStatus } from '../projections/projection-runner.js';

@ObjectType('ProjectionStatus')
export class ProjectionStatusModel {
  @Field()
  name: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'Global position of the last event applied; "start" before the first' })
  position: string;

  @Field({ description: 'running, failed or stopped' })
  state: string;

  @Field({ nullable: true })
  error?: string;
}

function toModel(status: ProjectionStatus): ProjectionStatusModel {
  return { ...status, position: status.position.toString() };
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
