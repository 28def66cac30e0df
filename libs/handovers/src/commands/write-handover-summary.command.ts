import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { EscalationQueries, isOpenState } from '@app/escalations';
import { handoverDecider } from '../domain/handover/handover.decider.js';
import { handoverStream, type HandoverSummary } from '../domain/handover/handover.events.js';
import { HandoverAccessPolicy } from '../handovers.policy.js';
import { HandoverQueries } from '../projections/handover.queries.js';

/** The outgoing DRI summarises an open escalation for whoever takes over (rewritable until accepted). */
export class WriteHandoverSummaryCommand extends Command<void> {
  constructor(
    readonly boundaryId: string,
    readonly escalationId: string,
    readonly summary: HandoverSummary,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(WriteHandoverSummaryCommand)
export class WriteHandoverSummaryHandler implements ICommandHandler<WriteHandoverSummaryCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: HandoverQueries,
    private readonly escalations: EscalationQueries,
    private readonly access: HandoverAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ boundaryId, escalationId, summary, context }: WriteHandoverSummaryCommand): Promise<void> {
    this.access.assertCanTakePart(context);
    this.queries.handover(boundaryId);
    const escalation = this.escalations.escalation(escalationId);
    const author = this.access.assertCanWriteSummary(context, escalation);
    await this.runner.run(
      handoverStream(boundaryId),
      handoverDecider,
      {
        type: 'WriteSummary',
        boundaryId,
        escalationId,
        authorId: author.responderId,
        at: this.clock.now().toISOString(),
        ...summary,
        escalationOpen: isOpenState(escalation.state),
      },
      context,
    );
  }
}
