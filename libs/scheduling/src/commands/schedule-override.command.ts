import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { localDateTimeToInstant } from '../domain/schedule/wall-clock.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import { respondersMustExist } from './responders-must-exist.js';

export interface ScheduleOverride {
  rotationId: string;
  responderId: string;
  replacesResponderId?: string;
  /** Wall-clock "YYYY-MM-DDTHH:mm" in `timeZone`. */
  start: string;
  end: string;
  timeZone: string;
  note?: string;
}

/** Someone covers a span of a rotation. Returns the override id. */
export class ScheduleOverrideCommand extends Command<string> {
  constructor(
    readonly input: ScheduleOverride,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ScheduleOverrideCommand)
export class ScheduleOverrideHandler implements ICommandHandler<ScheduleOverrideCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
  ) {}

  async execute({ input, context }: ScheduleOverrideCommand): Promise<string> {
    this.policy.assertCanOverride(context, input);
    const ids = [input.responderId, ...(input.replacesResponderId ? [input.replacesResponderId] : [])];
    const availability = respondersMustExist(this.queries, ids);
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
          ...(input.replacesResponderId ? { replacesResponderId: input.replacesResponderId } : {}),
          start: localDateTimeToInstant(input.start, input.timeZone),
          end: localDateTimeToInstant(input.end, input.timeZone),
          timeZone: input.timeZone,
          ...(input.note ? { note: input.note } : {}),
          createdBy: context.actor,
        },
      },
      context,
    );
    return overrideId;
  }
}
