import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner, deterministicId } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { escalationDecider, type Escalation } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import type { AlertContent, AlertSourceData } from '../domain/escalation/escalation-alert.types.js';
import type { Severity } from '../domain/escalation/escalation.types.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';
import { Pager } from '../paging/pager.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

/** What an integration does to the escalation of one alert (see libs/integrations). */
export type AlertEscalationAction =
  | {
      type: 'RAISE';
      /** Derived from the alert's dedup stream: the same raise, retried, is one escalation. */
      escalationId: string;
      rotationId: string | null;
      serviceId: string | null;
      severity: Severity;
      title: string;
      description: string;
      incidentTag: string | null;
      alert: AlertSourceData;
      raisedAt: string;
    }
  | {
      type: 'OCCURRENCE';
      escalationId: string;
      count: number;
      content: AlertContent;
      maintenanceWindowId: string | null;
    }
  | { type: 'ACKNOWLEDGE' | 'RESOLVE'; escalationId: string };

/** Answers the escalation's state after the action (the alert stream needs to know whether it is still open). */
export class AlertEscalationCommand extends Command<Escalation | null> {
  constructor(
    readonly action: AlertEscalationAction,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AlertEscalationCommand)
export class AlertEscalationHandler implements ICommandHandler<AlertEscalationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly queries: EscalationQueries,
    private readonly pager: Pager,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ action, context }: AlertEscalationCommand): Promise<Escalation | null> {
    if (action.type === 'RAISE' || action.type === 'OCCURRENCE') this.access.assertCanRaise(context);
    else this.access.assertCanAnswerAsIntegration(context);
    const stream = escalationStream(action.escalationId);
    const at = this.clock.now().toISOString();
    const { escalationId } = action;
    switch (action.type) {
      case 'RAISE': {
        const rotationId = action.rotationId ?? this.serviceRotation(action.serviceId);
        this.schedule.rotation(rotationId);
        const policy = this.pager.policyFor(rotationId);
        const muted = action.alert.maintenanceWindowId !== null;
        const outcome = await this.runner.run(
          stream,
          escalationDecider,
          {
            type: 'RaiseAlert',
            escalationId,
            pageId: deterministicId(escalationId, 'page'),
            paging: muted ? null : this.pager.facts(policy, new Date(action.raisedAt)),
            source: 'INFRASTRUCTURE',
            severity: action.severity,
            kind: null,
            title: action.title,
            description: action.description,
            links: action.alert.links.map((l) => l.href),
            rotationId,
            serviceId: action.serviceId,
            routedToServiceOwner: action.rotationId === null,
            incidentTag: action.incidentTag,
            raisedAt: action.raisedAt,
            raisedBy: context.actor,
            policy,
            alert: action.alert,
          },
          context,
        );
        return outcome.state;
      }
      case 'OCCURRENCE': {
        const { count, content, maintenanceWindowId } = action;
        const command = {
          type: 'RecordAlertOccurrence' as const,
          ...{ escalationId, at, count, content, maintenanceWindowId },
        };
        return (await this.runner.run(stream, escalationDecider, command, context)).state;
      }
      case 'ACKNOWLEDGE':
      case 'RESOLVE': {
        const type = action.type === 'ACKNOWLEDGE' ? 'AcknowledgeAlert' : 'ResolveAlert';
        return (
          await this.runner.run(stream, escalationDecider, { type, escalationId, at, by: context.actor }, context)
        ).state;
      }
    }
  }

  private serviceRotation(serviceId: string | null): string {
    const rotationId = serviceId ? this.queries.service(serviceId).secondTierRotationId : null;
    if (!rotationId) {
      throw new BadUserInputError('serviceId', 'the service has no second-tier rotation to route alerts to');
    }
    return rotationId;
  }
}
