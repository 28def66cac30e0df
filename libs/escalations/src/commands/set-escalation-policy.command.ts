import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, NotFoundError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import type { PolicySnapshot } from '../domain/escalation/escalation.types.js';
import { escalationPolicyDecider } from '../domain/policy/escalation-policy.decider.js';
import { escalationPolicyStream } from '../domain/policy/escalation-policy.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';

/** Replaces a rotation's escalation policy; escalations already raised keep the one they started with. */
export class SetEscalationPolicyCommand extends Command<void> {
  constructor(
    readonly policy: PolicySnapshot,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SetEscalationPolicyCommand)
export class SetEscalationPolicyHandler implements ICommandHandler<SetEscalationPolicyCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ policy, context }: SetEscalationPolicyCommand): Promise<void> {
    const actor = this.access.assertCanConfigure(context);
    this.schedule.rotation(policy.rotationId);
    for (const step of policy.steps) if (step.rotationId) this.schedule.rotation(step.rotationId);
    const responderIds = [...policy.steps.flatMap((s) => s.responderIds ?? []), ...policy.backupPoolIds];
    for (const id of responderIds) {
      if (!this.schedule.findResponder(id)) throw new NotFoundError('Responder', id);
    }
    await this.runner.run(
      escalationPolicyStream(policy.rotationId),
      escalationPolicyDecider,
      { type: 'SetPolicy', policy, setBy: actor.responderId, at: this.clock.now().toISOString() },
      context,
    );
  }
}
