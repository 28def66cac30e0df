import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { BadUserInputError, CurrentRequest, NotFoundError, PageArgs, type RequestContext, pageOfList } from '@app/core';
import { shiftStartOf } from './shift-id.js';
import { EventHistoryQuery, HistoryEntryConnection, historyPage } from '@app/event-store';
import { CancelOverrideCommand } from '../commands/cancel-override.command.js';
import { CreateRotationCommand } from '../commands/create-rotation.command.js';
import { ScheduleOverrideCommand } from '../commands/schedule-override.command.js';
import { SwapShiftsCommand } from '../commands/swap-shifts.command.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { localDateTimeToInstant } from '../domain/schedule/wall-clock.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { toClockWindows } from './inputs/clock-window.input.js';
import { CreateRotationInput, toShiftPattern } from './inputs/create-rotation.input.js';
import { ScheduleOverrideInput, SwapShiftsInput, type ShiftSideInput } from './inputs/rotation-changes.input.js';
import { OnCallShiftModel } from './models/on-call.model.js';
import { OverrideModel, RotationConnection, RotationModel, SwapModel } from './models/rotation.model.js';
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

  @Query(() => RotationConnection, { description: 'By name' })
  rotations(@Args() page: PageArgs, @Args('team', { nullable: true }) team?: string): RotationConnection {
    const found = pageOfList(this.queries.rotations(team), page, (r) => [r.name, r.rotationId], 2);
    return { ...found, nodes: found.nodes.map((r) => this.mapper.rotation(r)) };
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

  @Mutation(() => OverrideModel, { description: 'Someone covers a span, given in a chosen time zone' })
  async scheduleOverride(
    @Args('input') input: ScheduleOverrideInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<OverrideModel> {
    const overrideId: string = await this.commands.execute(new ScheduleOverrideCommand(input, context));
    return this.overrideOf(input.rotationId, overrideId)!;
  }

  @Mutation(() => OverrideModel, { description: 'Answers the override as it was before it was cancelled' })
  async cancelOverride(
    @Args('rotationId', { type: () => ID }) rotationId: string,
    @Args('overrideId', { type: () => ID }) overrideId: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<OverrideModel> {
    // read quietly before the command, which checks access first and answers NOT_FOUND itself
    const cancelled = this.overrideOf(rotationId, overrideId);
    await this.commands.execute(new CancelOverrideCommand(rotationId, overrideId, context));
    if (!cancelled) throw new NotFoundError('Override', overrideId);
    return cancelled;
  }

  @Mutation(() => SwapModel, { description: 'Two responders trade shifts, each named by its start on a wall clock' })
  async swapShifts(
    @Args('input') input: SwapShiftsInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<SwapModel> {
    const side = (s: ShiftSideInput, name: 'first' | 'second') => ({
      shiftStart: shiftStartOfSide(s, input.rotationId, name),
      responderId: s.responderId,
    });
    const swapId: string = await this.commands.execute(
      new SwapShiftsCommand(input.rotationId, side(input.first, 'first'), side(input.second, 'second'), context),
    );
    const swap = this.queries.swap(this.queries.rotation(input.rotationId), swapId)!;
    return this.mapper.swap(input.rotationId, swap);
  }

  private overrideOf(rotationId: string, overrideId: string): OverrideModel | undefined {
    const rotation = this.queries.findRotation(rotationId);
    const override = rotation && this.queries.override(rotation, overrideId);
    return override ? this.mapper.override(rotationId, override) : undefined;
  }

  @ResolveField(() => [OnCallShiftModel], { description: 'Who is on call over [from, to), and why' })
  shifts(
    @Parent() rotation: RotationModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): OnCallShiftModel[] {
    return this.queries.rotationShifts(rotation.id, from, to).map((s) => this.mapper.onCallShift(s));
  }

  @ResolveField(() => HistoryEntryConnection, {
    description: 'Every change, with its actor, oldest first: overrides and swaps included',
  })
  async history(@Parent() rotation: RotationModel, @Args() page: PageArgs): Promise<HistoryEntryConnection> {
    return historyPage(await this.eventHistory.page(rotationStream(rotation.id), page));
  }
}

/** A side names its shift by shiftId, or by wall-clock start and zone: exactly one way. */
function shiftStartOfSide(side: ShiftSideInput, rotationId: string, name: 'first' | 'second'): Date {
  const byClock = side.shiftStart != null || side.timeZone != null;
  if (side.shiftId != null && byClock) {
    throw new BadUserInputError(`${name}.shiftId`, `${name}: give shiftId or shiftStart and timeZone, not both`);
  }
  if (side.shiftId != null) return shiftStartOf(side.shiftId, rotationId, `${name}.shiftId`);
  if (side.shiftStart == null)
    throw new BadUserInputError(`${name}.shiftStart`, `${name}: give shiftId, or shiftStart and timeZone`);
  if (side.timeZone == null) throw new BadUserInputError(`${name}.timeZone`, `${name}: shiftStart needs its timeZone`);
  return new Date(localDateTimeToInstant(side.shiftStart, side.timeZone));
}
