import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import { respondersMustExist } from './responders-must-exist.js';

export interface CoverRestOfShift {
  rotationId: string;
  /** Who takes over. */
  responderId: string;
  /** Who hands over early. */
  replacesResponderId: string;
  /** Instants (UTC ISO): from now to the end of the shift as scheduled. */
  start: string;
  end: string;
  note: string;
}

/**
 * A responder hands over before their shift ends: an override from now to the scheduled end puts
 * the next responder on call in their place. Returns the override id.
 */
export class CoverRestOfShiftCommand extends Command<string> {
  constructor(
    readonly input: CoverRestOfShift,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CoverRestOfShiftCommand)
export class CoverRestOfShiftHandler implements ICommandHandler<CoverRestOfShiftCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
  ) {}

  async execute({ input, context }: CoverRestOfShiftCommand): Promise<string> {
    this.policy.assertCanOverride(context, input);
    const rotation = this.queries.rotation(input.rotationId);
    const availability = respondersMustExist(this.queries, [input.responderId, input.replacesResponderId]);
    const overrideId = randomUUID();
    await this.runner.run(
      rotationStream(input.rotationId),
      rotationDecider,
      {
        type: 'ScheduleOverride',
        rotationId: input.rotationId,
        availability,
        override: {
          overrideId,
          responderId: input.responderId,
          replacesResponderId: input.replacesResponderId,
          start: input.start,
          end: input.end,
          timeZone: rotation.timeZone,
          note: input.note,
          createdBy: context.actor,
          endsShiftEarly: true,
        },
      },
      context,
    );
    return overrideId;
  }
}
