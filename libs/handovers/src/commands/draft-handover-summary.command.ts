import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { EscalationQueries, isOpenState } from '@app/escalations';
import { ScheduleQueries } from '@app/scheduling';
import { endOfStretch } from '../domain/boundary/shift-end.js';
import { handoverDraftDecider } from '../domain/draft/handover-draft.decider.js';
import { handoverDraftStream, type HandoverDraftData } from '../domain/draft/handover-draft.events.js';
import type { HandoverSummary } from '../domain/handover/handover.events.js';
import { HandoverAccessPolicy } from '../handovers.policy.js';

/** How far ahead the end of the author's shift is looked for. */
const SHIFT_END_LOOKAHEAD_MS = 8 * 86_400_000;

export interface DraftHandoverSummary extends HandoverSummary {
  rotationId: string;
  escalationId: string;
}

/**
 * The DRI on call in a rotation drafts the handover of an escalation during the last hour of
 * their shift (and rewrites it at will); the boundary attaches the latest draft to the item.
 */
export class DraftHandoverSummaryCommand extends Command<HandoverDraftData> {
  constructor(
    readonly input: DraftHandoverSummary,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DraftHandoverSummaryCommand)
export class DraftHandoverSummaryHandler implements ICommandHandler<DraftHandoverSummaryCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly escalations: EscalationQueries,
    private readonly access: HandoverAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: DraftHandoverSummaryCommand): Promise<HandoverDraftData> {
    this.access.assertCanTakePart(context);
    const escalation = this.escalations.escalation(input.escalationId);
    this.schedule.rotation(input.rotationId);
    const now = this.clock.now();
    const [onCall] = this.schedule.onCallAt(now, [input.rotationId]);
    const author = this.access.assertCanDraftSummary(
      context,
      escalation,
      onCall.onCall.map((entry) => entry.responderId),
    );
    const horizon = now.getTime() + SHIFT_END_LOOKAHEAD_MS;
    const stretches = this.schedule.rotationShifts(input.rotationId, now, new Date(horizon));
    const end = endOfStretch(stretches, author.responderId, now.getTime());
    const outcome = await this.runner.run(
      handoverDraftStream(input.escalationId),
      handoverDraftDecider,
      {
        type: 'WriteDraft',
        escalationId: input.escalationId,
        rotationId: input.rotationId,
        authorId: author.responderId,
        at: now.toISOString(),
        shiftEndsAt: end !== undefined && end <= horizon ? new Date(end).toISOString() : null,
        status: input.status,
        tried: input.tried,
        nextSteps: input.nextSteps,
        escalationOpen: isOpenState(escalation.state),
      },
      context,
    );
    return outcome.state!;
  }
}
