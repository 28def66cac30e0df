import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, systemContext, type Clock } from '@app/core';
import {
  deterministicId,
  DueTaskSourceProvider,
  EVENT_STORE,
  ProjectionRunner,
  WrongExpectedRevisionError,
  type DueTask,
  type DueTaskSource,
  type EventStore,
} from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { onCallReminderStream } from '../domain/rules/on-call-reminder.events.js';
import { ContactMethodQueries } from '../projections/contact-method.queries.js';

const DAY_MS = 86_400_000;

interface ReminderTask extends DueTask {
  responderId: string;
  rotationId: string;
  shiftStart: Date;
  minutesBefore: number;
}

/**
 * "You go on call in 1 h": for each responder who asked, a reminder is recorded when a stretch
 * on call is that close, unless they are on call already right before it. It is recorded on a
 * stream of its own appended with `no_stream` (id from the responder and the shift start), so two
 * instances or a restart record it once; the notifications projection then plans its delivery.
 */
@DueTaskSourceProvider()
@Injectable()
export class OnCallReminderSource implements DueTaskSource<ReminderTask> {
  readonly name = 'on-call-reminders';

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionRunner,
    private readonly schedule: ScheduleQueries,
    private readonly methods: ContactMethodQueries,
  ) {}

  due(now: Date, limit: number): ReminderTask[] {
    return this.reminders(now, 0, limit).filter((task) => task.dueAt.getTime() <= now.getTime());
  }

  /** The first reminder of the next day, or a day from now (it looks again then) when none is. */
  nextDueAt(now: Date): Date {
    const next = this.reminders(now, DAY_MS, Infinity).reduce(
      (earliest, task) => Math.min(earliest, task.dueAt.getTime()),
      now.getTime() + DAY_MS,
    );
    return new Date(next);
  }

  /** Reminders not yet recorded for stretches on call starting in (now, now + lead + horizon]. */
  private reminders(now: Date, horizonMs: number, limit: number): ReminderTask[] {
    const tasks: ReminderTask[] = [];
    for (const { responderId, minutesBefore } of this.methods.reminderSettings()) {
      if (!this.schedule.findResponder(responderId)) continue;
      const lead = minutesBefore * 60_000;
      const segments = this.schedule.responderShifts(
        responderId,
        new Date(now.getTime() - 60_000),
        new Date(now.getTime() + lead + horizonMs + 1),
      );
      for (const segment of segments) {
        if (segment.start <= now.getTime()) continue;
        if (segments.some((other) => other !== segment && other.start < segment.start && other.end >= segment.start)) {
          continue;
        }
        const shiftStart = new Date(segment.start);
        const taskId = deterministicId('on-call-reminder', responderId, shiftStart.toISOString());
        if (this.methods.reminderRecorded(taskId)) continue;
        tasks.push({
          taskId,
          dueAt: new Date(segment.start - lead),
          responderId,
          rotationId: segment.rotationId,
          shiftStart,
          minutesBefore,
        });
      }
      if (tasks.length >= limit) break;
    }
    return tasks.slice(0, limit);
  }

  async run(task: ReminderTask): Promise<void> {
    const context = systemContext(task.taskId);
    const at = this.clock.now().toISOString();
    try {
      const result = await this.store.append(
        onCallReminderStream(task.taskId),
        [
          {
            id: randomUUID(),
            type: 'OnCallReminderDue',
            data: {
              reminderId: task.taskId,
              responderId: task.responderId,
              rotationId: task.rotationId,
              shiftStart: task.shiftStart.toISOString(),
              minutesBefore: task.minutesBefore,
              at,
            },
            metadata: {
              actor: context.actor,
              correlationId: context.correlationId,
              causationId: null,
              occurredAt: at,
              schemaVersion: 1,
            },
          },
        ],
        'no_stream',
      );
      await this.projections.waitFor(result.position);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
