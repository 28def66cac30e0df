import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { presenceDecider } from '../domain/presence/presence.decider.js';
import { presenceStream, type PresenceStatus } from '../domain/presence/presence.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';

/** Online or away: weekday development escalations go to online responders. */
export class SetPresenceCommand extends Command<void> {
  constructor(
    readonly responderId: string,
    readonly status: PresenceStatus,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SetPresenceCommand)
export class SetPresenceHandler implements ICommandHandler<SetPresenceCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ responderId, status, context }: SetPresenceCommand): Promise<void> {
    this.access.assertCanSetPresence(context, responderId);
    this.schedule.responder(responderId);
    await this.runner.run(
      presenceStream(responderId),
      presenceDecider,
      { type: 'SetPresence', responderId, status, at: this.clock.now().toISOString(), by: context.actor },
      context,
    );
  }
}
