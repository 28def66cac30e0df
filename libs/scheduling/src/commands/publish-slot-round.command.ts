import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { localDateTimeToInstant } from '../domain/schedule/wall-clock.js';
import { slotRoundDecider } from '../domain/slot-round/slot-round.decider.js';
import { slotRoundStream } from '../domain/slot-round/slot-round.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SlotRoundsProjection } from '../projections/slot-rounds.projection.js';
import { SchedulingPolicy } from '../scheduling.policy.js';

export interface PublishSlotRound {
  rotationId: string;
  title: string;
  /** The zone the slots and the deadline are given in. */
  timeZone: string;
  /** Wall-clock "YYYY-MM-DDTHH:mm" in `timeZone`. */
  slots: Array<{ start: string; end: string }>;
  volunteerDeadline: string;
}

/** Opens weekend or holiday slots of a rotation for volunteers until a deadline. Returns the round id. */
export class PublishSlotRoundCommand extends Command<string> {
  constructor(
    readonly input: PublishSlotRound,
    readonly context: RequestContext,
  ) {
    super();
  }
}

const instant = (local: string, zone: string) => new Date(localDateTimeToInstant(local, zone)).toISOString();

@CommandHandler(PublishSlotRoundCommand)
export class PublishSlotRoundHandler implements ICommandHandler<PublishSlotRoundCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    private readonly rounds: SlotRoundsProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: PublishSlotRoundCommand): Promise<string> {
    this.policy.assertCanPublishSlots(context);
    this.queries.rotation(input.rotationId);
    const slots = input.slots.map((slot) => ({
      slotId: randomUUID(),
      start: instant(slot.start, input.timeZone),
      end: instant(slot.end, input.timeZone),
    }));
    this.assertNoOverlap(input.rotationId, slots);
    const roundId = randomUUID();
    await this.runner.run(
      slotRoundStream(roundId),
      slotRoundDecider,
      {
        type: 'PublishSlotRound',
        roundId,
        rotationId: input.rotationId,
        title: input.title,
        timeZone: input.timeZone,
        slots,
        deadline: instant(input.volunteerDeadline, input.timeZone),
        publishedBy: context.actor,
        now: this.clock.now().toISOString(),
      },
      context,
    );
    return roundId;
  }

  /** One round per period: slots of another round of the rotation must not overlap these. */
  private assertNoOverlap(rotationId: string, slots: Array<{ start: string; end: string }>): void {
    const valid = slots.filter((s) => s.start < s.end);
    if (valid.length === 0) return;
    const from = valid.map((s) => s.start).sort()[0];
    const to = valid.map((s) => s.end).sort()[valid.length - 1];
    for (const round of this.rounds.roundsOf(rotationId, from, to)) {
      const clash = round.slots.find((other) => valid.some((s) => s.start < other.end && other.start < s.end));
      if (clash) {
        throw new ConflictError(`Slot round "${round.title}" already covers part of this period`, {
          roundId: round.roundId,
        });
      }
    }
  }
}
