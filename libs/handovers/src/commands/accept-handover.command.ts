import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { EscalationQueries, HandOverEscalationCommand, isOpenState } from '@app/escalations';
import { ScheduleQueries } from '@app/scheduling';
import { handoverDecider } from '../domain/handover/handover.decider.js';
import { handoverStream } from '../domain/handover/handover.events.js';
import { HandoverAccessPolicy } from '../handovers.policy.js';
import { HandoverQueries } from '../projections/handover.queries.js';

export interface AcceptHandover {
  boundaryId: string;
  /** The items taken over; absent: every item still waiting. */
  escalationIds?: string[];
  /** Another responder to make DRI; absent: the one accepting. */
  driId?: string;
}

/**
 * The incoming responder takes over: the handover records the acceptance (one acceptance per
 * item, however many try at once), then each escalation gets its new DRI.
 */
export class AcceptHandoverCommand extends Command<void> {
  constructor(
    readonly input: AcceptHandover,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AcceptHandoverCommand)
export class AcceptHandoverHandler implements ICommandHandler<AcceptHandoverCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly commands: CommandBus,
    private readonly queries: HandoverQueries,
    private readonly escalations: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    private readonly access: HandoverAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: AcceptHandoverCommand): Promise<void> {
    this.access.assertCanTakePart(context);
    const handover = this.queries.handover(input.boundaryId);
    const actor = this.access.assertCanAccept(context, handover, input.driId);
    const driId = input.driId ?? actor.responderId;
    this.schedule.responder(driId);
    const docs = this.escalations.byIds(input.escalationIds ?? handover.items.map((i) => i.escalationId));
    const stillOpen = (id: string) => docs.has(id) && isOpenState(docs.get(id)!.state);
    const escalationIds =
      input.escalationIds ??
      handover.items.filter((i) => !i.acceptedBy && stillOpen(i.escalationId)).map((i) => i.escalationId);
    const at = this.clock.now().toISOString();
    const outcome = await this.runner.run(
      handoverStream(input.boundaryId),
      handoverDecider,
      {
        type: 'Accept',
        boundaryId: input.boundaryId,
        items: escalationIds.map((escalationId) => ({ escalationId, escalationOpen: stillOpen(escalationId) })),
        acceptedBy: actor.responderId,
        driId,
        at,
      },
      context,
    );
    for (const item of outcome.state!.items.filter((i) => escalationIds.includes(i.escalationId))) {
      await this.commands.execute(
        new HandOverEscalationCommand(
          {
            escalationId: item.escalationId,
            boundaryId: input.boundaryId,
            driId: item.newDriId!,
            acceptedBy: item.acceptedBy!,
            at: item.acceptedAt!,
          },
          context,
        ),
      );
    }
  }
}
