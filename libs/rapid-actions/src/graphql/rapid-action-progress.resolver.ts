import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, type RequestContext } from '@app/core';
import { ChangeExitCriterionCommand, type ExitCriterionChange } from '../commands/change-exit-criterion.command.js';
import { PostRapidActionUpdateCommand } from '../commands/post-rapid-action-update.command.js';
import { RapidActionStatusQueries } from '../projections/rapid-action-status.queries.js';
import {
  AddExitCriterionInput,
  MarkExitCriterionMetInput,
  MarkExitCriterionUnmetInput,
  RewordExitCriterionInput,
} from './inputs/exit-criterion.input.js';
import { PostRapidActionUpdateInput } from './inputs/post-rapid-action-update.input.js';
import { DigestArgs } from './inputs/rapid-actions.args.js';
import { DigestModel, RapidActionModel } from './models/rapid-action.model.js';
import { RapidActionsMapper } from './rapid-actions.mapper.js';

/** Progress: exit criteria, the daily status updates and their digest. */
@Resolver()
export class RapidActionProgressResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: RapidActionStatusQueries,
    private readonly mapper: RapidActionsMapper,
  ) {}

  @Mutation(() => RapidActionModel, {
    description:
      'The daily status update, by the DRI or a sub-DRI (for their scope). Only the two progress parts are ' +
      'required; the date defaults to today in your time zone. A second update of the same date and scope amends the first.',
  })
  async postRapidActionUpdate(
    @Args('input') input: PostRapidActionUpdateInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RapidActionModel> {
    await this.commands.execute(new PostRapidActionUpdateCommand(input, context));
    return this.changed(input.rapidActionId, context);
  }

  @Query(() => DigestModel, {
    description: 'The daily digest: every update dated `date`, across the actions you may see',
  })
  rapidActionDigest(@Args() args: DigestArgs, @CurrentRequest() context: RequestContext): DigestModel {
    return this.mapper.digest(args.date, this.queries.digest(context, args.date));
  }

  @Mutation(() => RapidActionModel)
  addRapidActionExitCriterion(@Args('input') input: AddExitCriterionInput, @CurrentRequest() context: RequestContext) {
    return this.changeCriterion(
      {
        kind: 'Add',
        rapidActionId: input.rapidActionId,
        description: input.description,
        dashboardUrl: input.dashboardUrl ?? null,
      },
      context,
    );
  }

  @Mutation(() => RapidActionModel)
  rewordRapidActionExitCriterion(
    @Args('input') input: RewordExitCriterionInput,
    @CurrentRequest() context: RequestContext,
  ) {
    const { rapidActionId, criterionId, description, dashboardUrl } = input;
    return this.changeCriterion({ kind: 'Reword', rapidActionId, criterionId, description, dashboardUrl }, context);
  }

  @Mutation(() => RapidActionModel, { description: 'By the DRI or a sub-DRI, with evidence' })
  markRapidActionExitCriterionMet(
    @Args('input') input: MarkExitCriterionMetInput,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.changeCriterion({ kind: 'MarkMet', ...input }, context);
  }

  @Mutation(() => RapidActionModel)
  markRapidActionExitCriterionUnmet(
    @Args('input') input: MarkExitCriterionUnmetInput,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.changeCriterion({ kind: 'MarkUnmet', ...input }, context);
  }

  private async changeCriterion(change: ExitCriterionChange, context: RequestContext): Promise<RapidActionModel> {
    await this.commands.execute(new ChangeExitCriterionCommand(change, context));
    return this.changed(change.rapidActionId, context);
  }

  private changed(rapidActionId: string, context: RequestContext): RapidActionModel {
    return this.mapper.action(this.queries.action(context, rapidActionId));
  }
}
