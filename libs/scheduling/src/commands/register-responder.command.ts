import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { responderDecider } from '../domain/responder/responder.decider.js';
import { responderStream, type ResponderRole } from '../domain/responder/responder.events.js';
import type { ClockWindow } from '../domain/schedule/schedule.types.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';

export interface RegisterResponder {
  name: string;
  handle: string;
  timeZone: string;
  team: string;
  role: ResponderRole;
  workingHours?: ClockWindow[];
  onCallRestricted?: boolean;
}

/** Returns the new responder's id. */
export class RegisterResponderCommand extends Command<string> {
  constructor(
    readonly input: RegisterResponder,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterResponderCommand)
export class RegisterResponderHandler implements ICommandHandler<RegisterResponderCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: RegisterResponderCommand): Promise<string> {
    this.policy.assertCanManagePeople(context);
    if (this.queries.responderByHandle(input.handle)) {
      throw new ConflictError(`The handle ${input.handle} is already taken`, { field: 'handle' });
    }
    const responderId = randomUUID();
    await this.runner.run(
      responderStream(responderId),
      responderDecider,
      {
        type: 'RegisterResponder',
        responderId,
        name: input.name,
        handle: input.handle,
        timeZone: input.timeZone,
        team: input.team,
        role: input.role,
        workingHours: input.workingHours ?? [],
        onCallRestricted: input.onCallRestricted ?? false,
        registeredAt: this.clock.now().toISOString(),
      },
      context,
    );
    return responderId;
  }
}
