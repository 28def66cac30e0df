import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { OverrideModel, RotationModel, SwapModel } from './models/rotation.model.js';
import { SchedulingMapper } from './scheduling.mapper.js';

/** An override names its rotation (scheduleOverride and cancelOverride answer the override). */
@Resolver(() => OverrideModel)
export class OverrideResolver {
  constructor(
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
  ) {}

  @ResolveField(() => RotationModel)
  rotation(@Parent() override: OverrideModel): RotationModel {
    return this.mapper.rotation(this.queries.rotation(override.rotationId));
  }
}

/** A swap names its rotation (swapShifts answers the swap). */
@Resolver(() => SwapModel)
export class SwapResolver {
  constructor(
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
  ) {}

  @ResolveField(() => RotationModel)
  rotation(@Parent() swap: SwapModel): RotationModel {
    return this.mapper.rotation(this.queries.rotation(swap.rotationId));
  }
}
