import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';

/** Groups the escalation under an incident (a widespread problem), or ungroups it with null. */
export class TagEscalationCommand extends Command<void> {
  constructor(
    readonly escalationId: string,
    readonly incidentTag: string | null,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(TagEscalationCommand)
export class TagEscalationHandler implements ICommandHandler<TagEscalationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ escalationId, incidentTag, context }: TagEscalationCommand): Promise<void> {
    this.access.assertCanAnnotate(context);
    await this.runner.run(
      escalationStream(escalationId),
      escalationDecider,
      { type: 'Tag', escalationId, incidentTag, at: this.clock.now().toISOString(), by: context.actor },
      context,
    );
  }
}
