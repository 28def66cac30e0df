import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemContext } from '@app/core';
import { CommandRunner, DueTaskSourceProvider, LAST_INSTANT, type DueTask, type DueTaskSource } from '@app/event-store';
import { EscalationQueries, HandOverEscalationCommand, isOpenState } from '@app/escalations';
import { handoverDecider } from '../domain/handover/handover.decider.js';
import { handoverStream } from '../domain/handover/handover.events.js';
import { HandoverQueries, type PendingItem } from '../projections/handover.queries.js';

interface FollowThroughTask extends DueTask {
  kind: 'FLAG_OVERDUE' | 'APPLY_DRI';
  item: PendingItem;
}

/**
 * What a handover still owes once its moment has passed:
 * - an item not handed over by the boundary's hand-over-by instant is flagged overdue;
 * - an accepted item whose escalation does not show its new DRI yet gets it (the accepting
 *   mutation does this straight away; this finishes the job if the process stopped in between).
 */
@DueTaskSourceProvider()
@Injectable()
export class HandoverFollowThroughSource implements DueTaskSource<FollowThroughTask> {
  readonly name = 'handover-follow-through';

  constructor(
    private readonly runner: CommandRunner,
    private readonly commands: CommandBus,
    private readonly queries: HandoverQueries,
    private readonly escalations: EscalationQueries,
  ) {}

  /** The first item to apply or flag, open escalation or not (so never later than the truth). */
  nextDueAt(): Date | undefined {
    const first = [...this.queries.acceptancesToApply(LAST_INSTANT, 1), ...this.queries.itemsToFlag(LAST_INSTANT, 1)]
      .map((item) => Date.parse(item.dueAt))
      .sort((a, b) => a - b)[0];
    return first === undefined ? undefined : new Date(first);
  }

  due(now: Date, limit: number): FollowThroughTask[] {
    const toApply = this.queries.acceptancesToApply(now, limit).map((item) => this.task('APPLY_DRI', item));
    const toFlag = this.queries.itemsToFlag(now, limit).map((item) => this.task('FLAG_OVERDUE', item));
    const tasks = [...toApply, ...toFlag];
    const open = this.escalations.byIds([...new Set(tasks.map((t) => t.item.escalationId))]);
    return tasks
      .filter((t) => {
        const escalation = open.get(t.item.escalationId);
        return escalation !== undefined && isOpenState(escalation.state);
      })
      .slice(0, limit);
  }

  async run({ taskId, dueAt, kind, item }: FollowThroughTask): Promise<void> {
    const context = systemContext(taskId);
    if (kind === 'FLAG_OVERDUE') {
      const escalation = this.escalations.find(item.escalationId);
      await this.runner.run(
        handoverStream(item.boundaryId),
        handoverDecider,
        {
          type: 'FlagOverdue',
          boundaryId: item.boundaryId,
          escalationId: item.escalationId,
          at: dueAt.toISOString(),
          stepId: taskId,
          escalationOpen: escalation !== undefined && isOpenState(escalation.state),
        },
        context,
      );
      return;
    }
    const handover = this.queries.handover(item.boundaryId);
    const accepted = handover.items.find((i) => i.escalationId === item.escalationId);
    if (!accepted?.newDriId || !accepted.acceptedBy) return;
    await this.commands.execute(
      new HandOverEscalationCommand(
        {
          escalationId: item.escalationId,
          boundaryId: item.boundaryId,
          driId: accepted.newDriId,
          acceptedBy: accepted.acceptedBy,
          at: accepted.acceptedAt ?? dueAt.toISOString(),
        },
        context,
      ),
    );
  }

  private task(kind: FollowThroughTask['kind'], item: PendingItem): FollowThroughTask {
    const prefix = kind === 'FLAG_OVERDUE' ? 'handover-overdue' : 'handover-dri';
    return { taskId: `${prefix}:${item.boundaryId}:${item.escalationId}`, dueAt: new Date(item.dueAt), kind, item };
  }
}
