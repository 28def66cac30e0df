import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { CommandRunner, deterministicId } from '@app/event-store';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';

export interface HandOverEscalation {
  escalationId: string;
  boundaryId: string;
  /** The new DRI: the incoming responder who accepted, or the one they named. */
  driId: string;
  acceptedBy: string;
  at: string;
}

/**
 * Makes the responder who took over at a shift boundary the escalation's DRI. Applied once per
 * boundary (deterministic event ids), so the handovers context may repeat it safely; a closed
 * escalation is left as it is.
 */
export class HandOverEscalationCommand extends Command<void> {
  constructor(
    readonly handover: HandOverEscalation,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(HandOverEscalationCommand)
export class HandOverEscalationHandler implements ICommandHandler<HandOverEscalationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ handover, context }: HandOverEscalationCommand): Promise<void> {
    await this.runner.run(
      escalationStream(handover.escalationId),
      escalationDecider,
      {
        type: 'AssignDri',
        escalationId: handover.escalationId,
        driId: handover.driId,
        reason: 'HANDOVER',
        by: handover.acceptedBy,
        note: null,
        boundaryId: handover.boundaryId,
        stepId: deterministicId('handover', handover.boundaryId, handover.escalationId),
        at: handover.at,
      },
      context,
    );
  }
}
