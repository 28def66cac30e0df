import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import { respondersMustExist } from './responders-must-exist.js';

export interface ShiftSide {
  shiftStart: Date;
  responderId: string;
}

/** Two responders trade shifts (turns or filled weekend slots). Returns the swap id. */
export class SwapShiftsCommand extends Command<string> {
  constructor(
    readonly rotationId: string,
    readonly first: ShiftSide,
    readonly second: ShiftSide,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SwapShiftsCommand)
export class SwapShiftsHandler implements ICommandHandler<SwapShiftsCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
  ) {}

  async execute({ rotationId, first, second, context }: SwapShiftsCommand): Promise<string> {
    this.policy.assertCanSwap(context, [first.responderId, second.responderId]);
    const rotation = this.queries.rotation(rotationId);
    const everyone = [first.responderId, second.responderId, ...rotation.participants.map((p) => p.responderId)];
    const availability = respondersMustExist(this.queries, new Set(everyone));
    const swapId = randomUUID();
    const side = (s: ShiftSide) => ({ shiftStart: s.shiftStart.toISOString(), responderId: s.responderId });
    await this.runner.run(
      rotationStream(rotationId),
      rotationDecider,
      {
        type: 'SwapShifts',
        rotationId,
        availability,
        slots: rotation.slots ?? [],
        swap: { swapId, first: side(first), second: side(second), createdBy: context.actor },
      },
      context,
    );
    return swapId;
  }
}
