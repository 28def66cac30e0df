import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, SYSTEM_ACTOR, systemContext, type Clock } from '@app/core';
import {
  CommandRunner,
  deterministicId,
  DueTaskSourceProvider,
  type DueTask,
  type DueTaskSource,
  firstDueAt,
} from '@app/event-store';
import { rapidActionDecider } from '../domain/rapid-action/rapid-action.decider.js';
import { rapidActionStream } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionStatusQueries } from '../projections/rapid-action-status.queries.js';

interface OverdueTask extends DueTask {
  rapidActionId: string;
  dueBy: string;
}

/**
 * Time-driven: an open action with no update by its deadline becomes overdue, at the deadline.
 * One task per deadline; its event id is derived from the task, and the decider does nothing
 * when an update (or a new DRI) moved the deadline, so a step is never recorded twice.
 */
@DueTaskSourceProvider()
@Injectable()
export class OverdueUpdatesSource implements DueTaskSource<OverdueTask> {
  readonly name = 'rapid-action-overdue-updates';

  constructor(
    private readonly queries: RapidActionStatusQueries,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  nextDueAt(): Date | undefined {
    return firstDueAt(this);
  }

  due(now: Date, limit: number): OverdueTask[] {
    return this.queries.dueForOverdue(now, limit).map(({ rapidActionId, dueBy }) => ({
      taskId: `rapid-action-overdue/${rapidActionId}/${dueBy}`,
      dueAt: new Date(dueBy),
      rapidActionId,
      dueBy,
    }));
  }

  async run(task: OverdueTask): Promise<void> {
    await this.runner.run(
      rapidActionStream(task.rapidActionId),
      rapidActionDecider,
      {
        type: 'MarkOverdue',
        rapidActionId: task.rapidActionId,
        actor: SYSTEM_ACTOR,
        now: this.clock.now().toISOString(),
        dueBy: task.dueBy,
        eventId: deterministicId(task.taskId, 'overdue'),
      },
      systemContext(task.taskId),
    );
  }
}
