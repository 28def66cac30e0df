import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, PageArgs, type RequestContext, pageOfList } from '@app/core';
import { EventHistoryQuery, HistoryEntryConnection, historyPage } from '@app/event-store';
import { ChangeResponderAvailabilityCommand } from '../commands/change-responder-availability.command.js';
import { RegisterResponderCommand } from '../commands/register-responder.command.js';
import { responderStream } from '../domain/responder/responder.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { MarkUnavailableInput, SetOnCallRestrictionInput } from './inputs/responder-availability.input.js';
import { toClockWindows } from './inputs/clock-window.input.js';
import { RegisterResponderInput } from './inputs/register-responder.input.js';
import { OnCallShiftModel } from './models/on-call.model.js';
import { ResponderConnection, ResponderModel } from './models/responder.model.js';
import { SchedulingMapper } from './scheduling.mapper.js';

@Resolver(() => ResponderModel)
export class ResponderResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
    private readonly eventHistory: EventHistoryQuery,
  ) {}

  @Query(() => ResponderModel)
  responder(@Args('id', { type: () => ID }) id: string): ResponderModel {
    return this.mapper.responderById(id);
  }

  @Query(() => ResponderConnection, { description: 'By name' })
  responders(@Args() page: PageArgs, @Args('team', { nullable: true }) team?: string): ResponderConnection {
    const found = pageOfList(this.queries.responders(team), page, (r) => [r.name, r.responderId], 2);
    return { ...found, nodes: found.nodes.map((r) => this.mapper.responder(r)) };
  }

  @Mutation(() => ResponderModel)
  async registerResponder(
    @Args('input') input: RegisterResponderInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderModel> {
    const id = await this.commands.execute(
      new RegisterResponderCommand({ ...input, workingHours: toClockWindows(input.workingHours) }, context),
    );
    return this.mapper.responderById(id);
  }

  @Mutation(() => ResponderModel, { description: 'Set or lift a local-law restriction on on-call duty' })
  async setOnCallRestriction(
    @Args('input') input: SetOnCallRestrictionInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderModel> {
    const id = await this.commands.execute(
      new ChangeResponderAvailabilityCommand({ kind: 'restriction', ...input }, context),
    );
    return this.mapper.responderById(id);
  }

  @Mutation(() => ResponderModel)
  async markResponderUnavailable(
    @Args('input') input: MarkUnavailableInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderModel> {
    const id = await this.commands.execute(
      new ChangeResponderAvailabilityCommand({ kind: 'unavailable', ...input }, context),
    );
    return this.mapper.responderById(id);
  }

  @Mutation(() => ResponderModel)
  async clearResponderUnavailability(
    @Args('responderId', { type: () => ID }) responderId: string,
    @Args('spanId', { type: () => ID }) spanId: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderModel> {
    const id = await this.commands.execute(
      new ChangeResponderAvailabilityCommand({ kind: 'available-again', responderId, spanId }, context),
    );
    return this.mapper.responderById(id);
  }

  @ResolveField(() => [OnCallShiftModel], { description: 'Stretches on call across all rotations over [from, to)' })
  shifts(
    @Parent() responder: ResponderModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): OnCallShiftModel[] {
    return this.queries.responderShifts(responder.id, from, to).map((s) => this.mapper.onCallShift(s));
  }

  @ResolveField(() => HistoryEntryConnection, { description: 'Every change, with its actor, oldest first' })
  history(@Parent() responder: ResponderModel, @Args() page: PageArgs): HistoryEntryConnection {
    return historyPage(this.eventHistory.forStream(responderStream(responder.id)), page);
  }
}
