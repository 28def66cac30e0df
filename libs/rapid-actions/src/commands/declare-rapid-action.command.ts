import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { rapidActionDecider } from '../domain/rapid-action/rapid-action.decider.js';
import { rapidActionStream, type Severity } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionAccessPolicy } from '../rapid-action-access.policy.js';

export interface DeclareRapidAction {
  title: string;
  problemStatement: string;
  problems: string[];
  severity: Severity;
  issuesInScope?: string[];
  stakeholderIds?: string[];
  driId: string;
  confidential?: boolean;
  exitCriteria: Array<{ description: string; dashboardUrl?: string | null }>;
}

/** Returns the new rapid action's id. */
export class DeclareRapidActionCommand extends Command<string> {
  constructor(
    readonly input: DeclareRapidAction,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeclareRapidActionCommand)
export class DeclareRapidActionHandler implements ICommandHandler<DeclareRapidActionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly policy: RapidActionAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: DeclareRapidActionCommand): Promise<string> {
    this.policy.assertCanDeclareAny(context);
    const dri = this.schedule.responder(input.driId);
    const stakeholderIds = input.stakeholderIds ?? [];
    for (const id of stakeholderIds) this.schedule.responder(id);
    const confidential = input.confidential ?? false;
    this.policy.assertCanDeclare(context, { confidential, driId: dri.responderId, subDris: [], stakeholderIds });
    const rapidActionId = randomUUID();
    await this.runner.run(
      rapidActionStream(rapidActionId),
      rapidActionDecider,
      {
        type: 'DeclareRapidAction',
        rapidActionId,
        actor: context.actor,
        now: this.clock.now().toISOString(),
        title: input.title.trim(),
        problemStatement: input.problemStatement.trim(),
        problems: input.problems,
        severity: input.severity,
        issuesInScope: input.issuesInScope ?? [],
        stakeholderIds,
        driId: dri.responderId,
        driTimeZone: dri.timeZone,
        confidential,
        exitCriteria: input.exitCriteria.map((c) => ({
          criterionId: randomUUID(),
          description: c.description.trim(),
          dashboardUrl: c.dashboardUrl ?? null,
        })),
      },
      context,
    );
    return rapidActionId;
  }
}
