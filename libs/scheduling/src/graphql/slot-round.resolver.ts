import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, NotFoundError, type RequestContext, PageArgs, pageOfList } from '@app/core';
import { PublishSlotRoundCommand } from '../commands/publish-slot-round.command.js';
import { VolunteerForSlotCommand } from '../commands/volunteer-for-slot.command.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SlotRoundsProjection } from '../projections/slot-rounds.projection.js';
import { PublishSlotRoundInput, SlotVolunteerInput } from './inputs/publish-slot-round.input.js';
import { SlotRoundConnection, SlotRoundModel } from './models/slot-round.model.js';
import { SchedulingMapper } from './scheduling.mapper.js';

@Resolver(() => SlotRoundModel)
export class SlotRoundResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly rounds: SlotRoundsProjection,
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
  ) {}

  @Query(() => SlotRoundModel)
  slotRound(@Args('id', { type: () => ID }) id: string): SlotRoundModel {
    const round = this.rounds.round(id);
    if (!round) throw new NotFoundError('Slot round', id);
    return this.mapper.slotRound(round);
  }

  @Query(() => SlotRoundConnection, { description: 'The slot rounds of a rotation, earliest first' })
  slotRounds(@Args('rotationId', { type: () => ID }) rotationId: string, @Args() page: PageArgs): SlotRoundConnection {
    this.queries.rotation(rotationId);
    const rounds = this.rounds.roundsOf(rotationId, undefined, undefined, { explanations: true });
    const found = pageOfList(rounds, page, (round) => [round.slots[0]?.start ?? null, round.roundId], 2);
    return { ...found, nodes: found.nodes.map((round) => this.mapper.slotRound(round)) };
  }

  @Mutation(() => SlotRoundModel, {
    description: 'Open weekend or holiday slots for volunteers; at the deadline the empty ones are assigned fairly',
  })
  async publishWeekendSlots(
    @Args('input') input: PublishSlotRoundInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<SlotRoundModel> {
    return this.slotRound(await this.commands.execute(new PublishSlotRoundCommand(input, context)));
  }

  @Mutation(() => SlotRoundModel, { description: 'Take an open slot, before the deadline' })
  async volunteerForSlot(
    @Args('input') input: SlotVolunteerInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<SlotRoundModel> {
    return this.slotRound(
      await this.commands.execute(new VolunteerForSlotCommand({ kind: 'volunteer', ...input }, context)),
    );
  }

  @Mutation(() => SlotRoundModel, { description: 'Give a volunteered slot back, before the deadline' })
  async withdrawFromSlot(
    @Args('input') input: SlotVolunteerInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<SlotRoundModel> {
    return this.slotRound(
      await this.commands.execute(new VolunteerForSlotCommand({ kind: 'withdraw', ...input }, context)),
    );
  }
}
