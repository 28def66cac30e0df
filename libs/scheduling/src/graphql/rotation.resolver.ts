import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, type RequestContext } from '@app/core';
import { EventHistoryQuery, HistoryEntryModel, toHistoryEntryModel } from '@app/event-store';
import { CancelOverrideCommand } from '../commands/cancel-override.command.js';
import { CreateRotationCommand } from '../commands/create-rotation.command.js';
import { ScheduleOverrideCommand } from '../commands/schedule-override.command.js';
import { SwapShiftsCommand } from '../commands/swap-shifts.command.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { toClockWindows } from './inputs/clock-window.input.js';
import { CreateRotationInput, toShiftPattern } from './inputs/create-rotation.input.js';
import { ScheduleOverrideInput, SwapShiftsInput } from './inputs/rotation-changes.input.js';
import { OnCallShiftModel } from './models/on-call.model.js';
import { RotationModel } from './models/rotation.model.js';
import { SchedulingMapper } from './scheduling.mapper.js';

@Resolver(() => RotationModel)
export class RotationResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
    private readonly eventHistory: EventHistoryQuery,
  ) {}

  @Query(() => RotationModel)
  rotation(@Args('id', { type: () => ID }) id: string): RotationModel {
    return this.mapper.rotation(this.queries.rotation(id));
  }

  @Query(() => [RotationModel])
  rotations(@Args('team', { nullable: true }) team?: string): RotationModel[] {
    return this.queries.rotations(team).map((r) => this.mapper.rotation(r));
  }

  @Mutation(() => RotationModel)
  async createRotation(
    @Args('input') input: CreateRotationInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RotationModel> {
    const pattern = toShiftPattern(input.pattern);
    const id = await this.commands.execute(
      new CreateRotationCommand(
        {
          ...input,
          pattern,
          coverageWindows: toClockWindows(input.coverageWindows),
          driWindows: toClockWindows(input.driWindows),
        },
        context,
      ),
    );
    return this.rotation(id);
  }

  @Mutation(() => RotationModel, { description: 'Someone covers a span, given in a chosen time zone' })
  async scheduleOverride(
    @Args('input') input: ScheduleOverrideInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RotationModel> {
    await this.commands.execute(new ScheduleOverrideCommand(input, context));
    return this.rotation(input.rotationId);
  }

  @Mutation(() => RotationModel)
  async cancelOverride(
    @Args('rotationId', { type: () => ID }) rotationId: string,
    @Args('overrideId', { type: () => ID }) overrideId: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<RotationModel> {
    await this.commands.execute(new CancelOverrideCommand(rotationId, overrideId, context));
    return this.rotation(rotationId);
  }

  @Mutation(() => RotationModel, { description: 'Two responders trade shifts' })
  async swapShifts(
    @Args('input') input: SwapShiftsInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<RotationModel> {
    await this.commands.execute(new SwapShiftsCommand(input.rotationId, input.first, input.second, context));
    return this.rotation(input.rotationId);
  }

  @ResolveField(() => [OnCallShiftModel], { description: 'Who is on call over [from, to), and why' })
  shifts(
    @Parent() rotation: RotationModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): OnCallShiftModel[] {
    return this.queries.rotationShifts(rotation.id, from, to).map((s) => this.mapper.onCallShift(s));
  }

  @ResolveField(() => [HistoryEntryModel], {
    description: 'Every change, with its actor: overrides and swaps included',
  })
  history(@Parent() rotation: RotationModel): HistoryEntryModel[] {
    return this.eventHistory.forStream(rotationStream(rotation.id)).map(toHistoryEntryModel);
  }
}
