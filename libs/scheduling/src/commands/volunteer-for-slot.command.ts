import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, NotFoundError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { slotRoundDecider } from '../domain/slot-round/slot-round.decider.js';
import { slotRoundStream } from '../domain/slot-round/slot-round.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SlotRoundsProjection } from '../projections/slot-rounds.projection.js';
import { SchedulingPolicy } from '../scheduling.policy.js';

export interface SlotVolunteering {
  kind: 'volunteer' | 'withdraw';
  roundId: string;
  slotId: string;
  responderId: string;
}

/** A responder volunteers for an open slot, or withdraws, before the deadline. Returns the round id. */
export class VolunteerForSlotCommand extends Command<string> {
  constructor(
    readonly input: SlotVolunteering,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(VolunteerForSlotCommand)
export class VolunteerForSlotHandler implements ICommandHandler<VolunteerForSlotCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    private readonly rounds: SlotRoundsProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: VolunteerForSlotCommand): Promise<string> {
    this.policy.assertCanVolunteer(context, input.responderId);
    const round = this.rounds.round(input.roundId);
    if (!round) throw new NotFoundError('Slot round', input.roundId);
    const now = this.clock.now().toISOString();
    const { roundId, slotId, responderId } = input;
    await this.runner.run(
      slotRoundStream(roundId),
      slotRoundDecider,
      input.kind === 'volunteer'
        ? {
            type: 'Volunteer',
            roundId,
            slotId,
            responderId,
            now,
            availability: this.queries.responder(responderId),
            participants: this.queries.rotation(round.rotationId).participants,
          }
        : { type: 'WithdrawVolunteer', roundId, slotId, responderId, now },
      context,
    );
    return roundId;
  }
}
