import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import type { EscalationKind, EscalationSource, Severity } from '../domain/escalation/escalation.types.js';
import { Pager } from '../paging/pager.js';
import { EscalationQueries } from '../projections/escalation.queries.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';

export interface RaiseEscalation {
  source: EscalationSource;
  severity: Severity;
  kind?: EscalationKind;
  title: string;
  description: string;
  links?: string[];
  /** The rotation to page; without it, the service's owning team's second-tier rotation. */
  rotationId?: string;
  serviceId?: string;
  incidentTag?: string;
}

/** Raises an escalation and pages its rotation's first step. Returns the escalation id. */
export class RaiseEscalationCommand extends Command<string> {
  constructor(
    readonly input: RaiseEscalation,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RaiseEscalationCommand)
export class RaiseEscalationHandler implements ICommandHandler<RaiseEscalationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly queries: EscalationQueries,
    private readonly pager: Pager,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: RaiseEscalationCommand): Promise<string> {
    this.access.assertCanRaise(context);
    const service = input.serviceId ? this.queries.service(input.serviceId) : undefined;
    const rotationId = input.rotationId ?? service?.secondTierRotationId;
    if (!rotationId) {
      throw new BadUserInputError(
        input.serviceId ? 'serviceId' : 'rotationId',
        input.serviceId
          ? 'the service has no second-tier rotation to route to; name a rotation'
          : 'name the rotation to page, or a service whose owning team has a second-tier rotation',
      );
    }
    this.schedule.rotation(rotationId);
    const now = this.clock.now();
    const policy = this.pager.policyFor(rotationId);
    const escalationId = randomUUID();
    await this.runner.run(
      escalationStream(escalationId),
      escalationDecider,
      {
        type: 'Raise',
        escalationId,
        pageId: randomUUID(),
        paging: this.pager.facts(policy, now),
        source: input.source,
        severity: input.severity,
        kind: input.kind ?? null,
        title: input.title,
        description: input.description,
        links: input.links ?? [],
        rotationId,
        serviceId: input.serviceId ?? null,
        routedToServiceOwner: !input.rotationId,
        incidentTag: input.incidentTag ?? null,
        raisedAt: now.toISOString(),
        raisedBy: context.actor,
        policy,
      },
      context,
    );
    return escalationId;
  }
}
