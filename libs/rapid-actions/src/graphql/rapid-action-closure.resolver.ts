import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, type RequestContext } from '@app/core';
import { ResolveRapidActionCommand } from '../commands/resolve-rapid-action.command.js';
import { WrapUpRapidActionCommand, type WrapUp } from '../commands/wrap-up-rapid-action.command.js';
import { RapidActionStatusQueries } from '../projections/rapid-action-status.queries.js';
import {
  MakeRapidActionPublicInput,
  RecordFollowUpsInput,
  RecordRetrospectiveInput,
  ResolveRapidActionInput,
} from './inputs/wrap-up.input.js';
import { RapidActionModel } from './models/rapid-action.model.js';
import { RapidActionsMapper } from './rapid-actions.mapper.js';

/** Resolution, then follow-up actions, the retrospective, and making it public. */
@Resolver()
export class RapidActionClosureResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: RapidActionStatusQueries,
    private readonly mapper: RapidActionsMapper,
  ) {}

  @Mutation(() => RapidActionModel, {
    description: 'Once every exit criterion is met; or with overrideUnmetCriteria and a reason (CONFLICT otherwise)',
  })
  async resolveRapidAction(
    @Args('input') input: ResolveRapidActionInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RapidActionModel> {
    await this.commands.execute(new ResolveRapidActionCommand(input, context));
    return this.changed(input.rapidActionId, context);
  }

  @Mutation(() => RapidActionModel)
  recordRapidActionFollowUps(@Args('input') input: RecordFollowUpsInput, @CurrentRequest() context: RequestContext) {
    return this.wrapUp({ kind: 'FollowUps', ...input }, context);
  }

  @Mutation(() => RapidActionModel)
  recordRapidActionRetrospective(
    @Args('input') input: RecordRetrospectiveInput,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.wrapUp({ kind: 'Retrospective', ...input }, context);
  }

  @Mutation(() => RapidActionModel, { description: 'A resolved confidential action becomes visible to everyone' })
  makeRapidActionPublic(@Args('input') input: MakeRapidActionPublicInput, @CurrentRequest() context: RequestContext) {
    return this.wrapUp({ kind: 'MakePublic', ...input }, context);
  }

  private async wrapUp(wrapUp: WrapUp, context: RequestContext): Promise<RapidActionModel> {
    await this.commands.execute(new WrapUpRapidActionCommand(wrapUp, context));
    return this.changed(wrapUp.rapidActionId, context);
  }

  private changed(rapidActionId: string, context: RequestContext): RapidActionModel {
    return this.mapper.action(this.queries.action(context, rapidActionId));
  }
}
