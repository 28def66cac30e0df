import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, PageArgs, pageOfList, type RequestContext } from '@app/core';
import { EventHistoryQuery, HistoryEntryConnection, historyPage } from '@app/event-store';
import { ChangeRapidActionDriCommand } from '../commands/change-rapid-action-dri.command.js';
import { ChangeRapidActionTeamCommand, type TeamChange } from '../commands/change-rapid-action-team.command.js';
import { DeclareRapidActionCommand } from '../commands/declare-rapid-action.command.js';
import { ReviseRapidActionCommand } from '../commands/revise-rapid-action.command.js';
import { rapidActionStream } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionStatusQueries } from '../projections/rapid-action-status.queries.js';
import { DeclareRapidActionInput, ReviseRapidActionInput } from './inputs/declare-rapid-action.input.js';
import { RapidActionsArgs } from './inputs/rapid-actions.args.js';
import {
  AssignSubDriInput,
  ChangeRapidActionDriInput,
  RapidActionMemberInput,
} from './inputs/rapid-action-team.input.js';
import { RapidActionConnection, RapidActionModel, RapidActionUpdateConnection } from './models/rapid-action.model.js';
import { RapidActionsMapper } from './rapid-actions.mapper.js';

/** Rapid actions: the lists and one action, its declaration, problem, DRI and team. */
@Resolver(() => RapidActionModel)
export class RapidActionsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: RapidActionStatusQueries,
    private readonly mapper: RapidActionsMapper,
    private readonly eventHistory: EventHistoryQuery,
  ) {}

  @Query(() => RapidActionModel, { description: 'NOT_FOUND when it does not exist or is confidential to others' })
  rapidAction(@Args('id', { type: () => ID }) id: string, @CurrentRequest() context: RequestContext): RapidActionModel {
    return this.mapper.action(this.queries.action(context, id));
  }

  @Query(() => RapidActionConnection, { description: 'Newest declared first; confidential ones only to their team' })
  rapidActions(@Args() args: RapidActionsArgs, @CurrentRequest() context: RequestContext): RapidActionConnection {
    const filter = { state: args.state ?? undefined, overdue: args.overdue ?? undefined };
    const page = this.queries.actions(context, filter, args.first, args.after);
    return { ...page, nodes: page.nodes.map((a) => this.mapper.action(a)) };
  }

  @Mutation(() => RapidActionModel)
  async declareRapidAction(
    @Args('input') input: DeclareRapidActionInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RapidActionModel> {
    const id = await this.commands.execute(new DeclareRapidActionCommand(input, context));
    return this.rapidAction(id, context);
  }

  @Mutation(() => RapidActionModel, { description: 'The DRI keeps the problem current' })
  async reviseRapidAction(
    @Args('input') input: ReviseRapidActionInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RapidActionModel> {
    const { rapidActionId, ...changes } = input;
    await this.commands.execute(new ReviseRapidActionCommand(rapidActionId, changes, context));
    return this.rapidAction(rapidActionId, context);
  }

  @Mutation(() => RapidActionModel, { description: 'By the DRI (handing over) or a stakeholder' })
  async changeRapidActionDri(
    @Args('input') input: ChangeRapidActionDriInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RapidActionModel> {
    await this.commands.execute(
      new ChangeRapidActionDriCommand(input.rapidActionId, input.driId, input.reason ?? null, context),
    );
    return this.rapidAction(input.rapidActionId, context);
  }

  @Mutation(() => RapidActionModel)
  addRapidActionStakeholder(@Args('input') input: RapidActionMemberInput, @CurrentRequest() context: RequestContext) {
    return this.changeTeam({ kind: 'AddStakeholder', ...input }, context);
  }

  @Mutation(() => RapidActionModel)
  removeRapidActionStakeholder(
    @Args('input') input: RapidActionMemberInput,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.changeTeam({ kind: 'RemoveStakeholder', ...input }, context);
  }

  @Mutation(() => RapidActionModel, {
    description: 'A sub-DRI for a part of the problem, a perspective or a time zone',
  })
  assignRapidActionSubDri(@Args('input') input: AssignSubDriInput, @CurrentRequest() context: RequestContext) {
    return this.changeTeam(
      {
        kind: 'AssignSubDri',
        rapidActionId: input.rapidActionId,
        responderId: input.responderId,
        scope: { ...input.scope },
      },
      context,
    );
  }

  @Mutation(() => RapidActionModel)
  releaseRapidActionSubDri(@Args('input') input: RapidActionMemberInput, @CurrentRequest() context: RequestContext) {
    return this.changeTeam({ kind: 'ReleaseSubDri', ...input }, context);
  }

  @ResolveField(() => HistoryEntryConnection, { description: 'Every change, with its actor, oldest first' })
  async history(@Parent() action: RapidActionModel, @Args() page: PageArgs): Promise<HistoryEntryConnection> {
    return historyPage(await this.eventHistory.page(rapidActionStream(action.id), page));
  }

  @ResolveField(() => RapidActionUpdateConnection, {
    description: 'Every update, newest first (by date, then time posted; amended versions under previousVersions)',
  })
  updates(@Parent() action: RapidActionModel, @Args() page: PageArgs): RapidActionUpdateConnection {
    return pageOfList(
      action.updates,
      page,
      (update) => [-Date.parse(update.date), -update.postedAt.getTime(), update.id],
      3,
    );
  }

  private async changeTeam(change: TeamChange, context: RequestContext): Promise<RapidActionModel> {
    await this.commands.execute(new ChangeRapidActionTeamCommand(change, context));
    return this.rapidAction(change.rapidActionId, context);
  }
}
