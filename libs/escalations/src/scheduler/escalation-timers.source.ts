import { Injectable } from '@nestjs/common';
import { systemContext } from '@app/core';
import { CommandRunner, DueTaskSourceProvider, type DueTask, type DueTaskSource, firstDueAt } from '@app/event-store';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import { Pager } from '../paging/pager.js';
import { EscalationQueries, type DueStep } from '../projections/escalation.queries.js';

interface EscalationStepTask extends DueTask {
  step: DueStep;
}

/**
 * Acknowledgement timeouts (the page moves to the policy's next step) and customer follow-up
 * timers (follow-up due, then bridge closed). Each step is decided at its due instant, not at
 * the moment it happens to run, and its events carry ids derived from the task id.
 */
@DueTaskSourceProvider()
@Injectable()
export class EscalationTimersSource implements DueTaskSource<EscalationStepTask> {
  readonly name = 'escalation-timers';

  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: EscalationQueries,
    private readonly pager: Pager,
  ) {}

  nextDueAt(): Date | undefined {
    return firstDueAt(this);
  }

  due(now: Date, limit: number): EscalationStepTask[] {
    return this.queries
      .dueSteps(now, limit)
      .map((step) => ({ taskId: step.taskId, dueAt: new Date(step.dueAt), step }));
  }

  async run({ taskId, dueAt, step }: EscalationStepTask): Promise<void> {
    const context = systemContext(taskId);
    const at = dueAt.toISOString();
    const target = { escalationId: step.escalationId, at, stepId: taskId };
    const stream = escalationStream(step.escalationId);
    switch (step.kind) {
      case 'ACK_TIMEOUT': {
        const escalation = this.queries.escalation(step.escalationId);
        const paging = this.pager.facts(escalation.policy, dueAt, step.escalationId);
        await this.runner.run(
          stream,
          escalationDecider,
          { ...target, type: 'TimeOutPage', pageId: step.ref, paging },
          context,
        );
        break;
      }
      case 'FOLLOW_UP':
        await this.runner.run(stream, escalationDecider, { ...target, type: 'RecordFollowUpDue' }, context);
        break;
      case 'BRIDGE_CLOSE':
        await this.runner.run(stream, escalationDecider, { ...target, type: 'CloseBridge' }, context);
        break;
    }
  }
}
