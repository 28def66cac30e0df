import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, NotFoundError, PageArgs, type RequestContext, pageOfList } from '@app/core';
import { EventHistoryQuery, HistoryEntryConnection, historyPage } from '@app/event-store';
import { ChangeResponderAvailabilityCommand } from '../commands/change-responder-availability.command.js';
import { RegisterResponderCommand } from '../commands/register-responder.command.js';
import { responderStream } from '../domain/responder/responder.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { MarkUnavailableInput, SetOnCallRestrictionInput } from './inputs/responder-availability.input.js';
import { toClockWindows } from './inputs/clock-window.input.js';
import { RegisterResponderInput } from './inputs/register-responder.input.js';
import { OnCallShiftModel } from './models/on-call.model.js';
import { ResponderConnection, ResponderModel, UnavailableSpanModel } from './models/responder.model.js';
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
    const { responderId } = await this.commands.execute(
      new ChangeResponderAvailabilityCommand({ kind: 'restriction', ...input }, context),
    );
    return this.mapper.responderById(responderId);
  }

  @Mutation(() => UnavailableSpanModel, { description: 'The span marked, with its responder' })
  async markResponderUnavailable(
    @Args('input') input: MarkUnavailableInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<UnavailableSpanModel> {
    const changed = await this.commands.execute(
      new ChangeResponderAvailabilityCommand({ kind: 'unavailable', ...input }, context),
    );
    return this.spanOf(this.mapper.responderById(changed.responderId), changed.spanId);
  }

  @Mutation(() => UnavailableSpanModel, { description: 'The span cleared, as it was, with its responder' })
  async clearResponderUnavailability(
    @Args('responderId', { type: () => ID }) responderId: string,
    @Args('spanId', { type: () => ID }) spanId: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<UnavailableSpanModel> {
    // read before it is cleared, and answered only once the command (access first) has cleared it
    const before = this.queries.findResponder(responderId);
    const span = before ? this.mapper.responder(before).unavailability.find((s) => s.spanId === spanId) : undefined;
    const changed = await this.commands.execute(
      new ChangeResponderAvailabilityCommand({ kind: 'available-again', responderId, spanId }, context),
    );
    if (!span) throw new NotFoundError('Unavailable span', spanId);
    return { ...span, responder: this.mapper.responderById(changed.responderId) };
  }

  private spanOf(responder: ResponderModel, spanId: string | undefined): UnavailableSpanModel {
    const span = responder.unavailability.find((s) => s.spanId === spanId);
    if (!span) throw new NotFoundError('Unavailable span', spanId ?? '');
    return span;
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
  async history(@Parent() responder: ResponderModel, @Args() page: PageArgs): Promise<HistoryEntryConnection> {
    return historyPage(await this.eventHistory.page(responderStream(responder.id), page));
  }
}
