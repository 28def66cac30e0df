import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import type { ClockWindow, ShiftPattern } from '../domain/schedule/schedule.types.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import { respondersMayJoin } from './responders-must-exist.js';

export interface CreateRotation {
  name: string;
  team: string;
  timeZone: string;
  startDate: string;
  pattern: ShiftPattern;
  coverageWindows?: ClockWindow[];
  driWindows?: ClockWindow[];
  participantIds: string[];
  shadowIds?: string[];
}

/** Returns the new rotation's id. */
export class CreateRotationCommand extends Command<string> {
  constructor(
    readonly input: CreateRotation,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CreateRotationCommand)
export class CreateRotationHandler implements ICommandHandler<CreateRotationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreateRotationCommand): Promise<string> {
    this.policy.assertCanManageRotations(context);
    respondersMayJoin(this.queries, [...input.participantIds, ...(input.shadowIds ?? [])], 'participantIds');
    const rotationId = randomUUID();
    await this.runner.run(
      rotationStream(rotationId),
      rotationDecider,
      {
        type: 'CreateRotation',
        rotationId,
        name: input.name,
        team: input.team,
        timeZone: input.timeZone,
        startDate: input.startDate,
        pattern: input.pattern,
        coverageWindows: input.coverageWindows ?? [],
        driWindows: input.driWindows ?? [],
        participantIds: input.participantIds,
        shadowIds: input.shadowIds ?? [],
        createdAt: this.clock.now().toISOString(),
      },
      context,
    );
    return rotationId;
  }
}
