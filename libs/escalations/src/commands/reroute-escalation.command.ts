import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';
import { Pager } from '../paging/pager.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

/**
 * Sends an open escalation to another rotation, e.g. the second tier of the team owning the
 * service it turned out to concern; that rotation's policy pages from its first step.
 */
export class RerouteEscalationCommand extends Command<void> {
  constructor(
    readonly escalationId: string,
    readonly target: { rotationId?: string; serviceId?: string },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RerouteEscalationCommand)
export class RerouteEscalationHandler implements ICommandHandler<RerouteEscalationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    private readonly pager: Pager,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ escalationId, target, context }: RerouteEscalationCommand): Promise<void> {
    this.access.assertCanChangeEscalations(context);
    const escalation = this.queries.escalation(escalationId);
    const actor = this.access.assertCanManage(context, escalation);
    const service = target.serviceId ? this.queries.service(target.serviceId) : undefined;
    const rotationId = target.rotationId ?? service?.secondTierRotationId;
    if (!rotationId) {
      throw new BadUserInputError(
        target.serviceId ? 'serviceId' : 'rotationId',
        'name a rotation, or a service whose owning team has a second-tier rotation',
      );
    }
    this.schedule.rotation(rotationId);
    const now = this.clock.now();
    const policy = this.pager.policyFor(rotationId);
    await this.runner.run(
      escalationStream(escalationId),
      escalationDecider,
      {
        type: 'Reroute',
        escalationId,
        rotationId,
        serviceId: target.serviceId ?? null,
        policy,
        pageId: randomUUID(),
        paging: this.pager.facts(policy, now, escalationId),
        at: now.toISOString(),
        by: actor.responderId,
      },
      context,
    );
  }
}
