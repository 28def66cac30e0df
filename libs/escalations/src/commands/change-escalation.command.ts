import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { escalationDecider, type EscalationCommand } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import type { Qualification } from '../domain/escalation/escalation.types.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

/** The changes the people working an escalation make to it. */
export type EscalationChange =
  | { kind: 'MITIGATE'; note?: string }
  | { kind: 'RESOLVE'; note?: string }
  | { kind: 'REASSIGN'; responderId: string; note?: string }
  | { kind: 'QUALIFY'; qualification: Qualification; note?: string; followUpTicket?: string }
  | { kind: 'CUSTOMER_CONTACTED' }
  | { kind: 'CUSTOMER_REPLIED' };

export class ChangeEscalationCommand extends Command<void> {
  constructor(
    readonly escalationId: string,
    readonly change: EscalationChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeEscalationCommand)
export class ChangeEscalationHandler implements ICommandHandler<ChangeEscalationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ escalationId, change, context }: ChangeEscalationCommand): Promise<void> {
    this.access.assertCanChangeEscalations(context);
    const escalation = this.queries.escalation(escalationId);
    const actor = this.access.assertCanManage(context, escalation);
    const at = this.clock.now().toISOString();
    const by = actor.responderId;
    const target = { escalationId, at };
    let command: EscalationCommand;
    switch (change.kind) {
      case 'MITIGATE':
      case 'RESOLVE':
        command = {
          ...target,
          type: change.kind === 'MITIGATE' ? 'Mitigate' : 'Resolve',
          by,
          note: change.note ?? null,
        };
        break;
      case 'REASSIGN':
        this.schedule.responder(change.responderId);
        command = {
          ...target,
          type: 'AssignDri',
          driId: change.responderId,
          reason: 'REASSIGNED',
          by,
          note: change.note ?? null,
          boundaryId: null,
        };
        break;
      case 'QUALIFY':
        command = {
          ...target,
          type: 'Qualify',
          qualification: change.qualification,
          by,
          note: change.note ?? null,
          followUpTicket: change.followUpTicket ?? null,
        };
        break;
      case 'CUSTOMER_CONTACTED':
        command = { ...target, type: 'RecordCustomerContact' };
        break;
      case 'CUSTOMER_REPLIED':
        command = { ...target, type: 'RecordCustomerReply' };
        break;
    }
    await this.runner.run(escalationStream(escalationId), escalationDecider, command, context);
  }
}
