import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { RecordedScheduleQuery } from '../projections/recorded-schedule.query.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { RotationOnCallModel } from './models/on-call.model.js';
import { SchedulingMapper } from './scheduling.mapper.js';

@Resolver(() => RotationOnCallModel)
export class OnCallResolver {
  constructor(
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
    private readonly recorded: RecordedScheduleQuery,
  ) {}

  @Query(() => [RotationOnCallModel], {
    description: 'For every rotation (or those asked for): who is on call at an instant (now by default), and why',
  })
  currentOnCall(
    @Args('at', { type: () => Date, nullable: true }) at?: Date,
    @Args('rotationIds', { type: () => [ID], nullable: true }) rotationIds?: string[],
  ): RotationOnCallModel[] {
    return this.queries.onCallAt(at, rotationIds).map((entry) => this.mapper.rotationOnCall(entry));
  }

  @Query(() => [RotationOnCallModel], {
    description:
      'Who was on call at a past instant, and why (turn, override, swap, volunteer, automatic assignment), from the schedule as it was recorded at that instant',
  })
  async onCallAsRecorded(
    @Args('at', { type: () => Date }) at: Date,
    @Args('rotationIds', { type: () => [ID], nullable: true }) rotationIds?: string[],
  ): Promise<RotationOnCallModel[]> {
    const recorded = await this.recorded.onCallAsRecorded(at, rotationIds);
    return recorded.map((entry) => this.mapper.rotationOnCall(entry, true));
  }
}
