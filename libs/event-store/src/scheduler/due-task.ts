import { DiscoveryService } from '@nestjs/core';

/** A time-driven step that is due at an instant, e.g. "page P, step 1: acknowledgement timeout". */
export interface DueTask {
  /** Stable across instances and restarts: event ids are derived from it. */
  taskId: string;
  dueAt: Date;
}

/**
 * Where due tasks come from: usually a bounded context's projection that records, from events,
 * what must happen when. `run` performs the step through a command whose events carry ids from
 * `deterministicId(task.taskId, ...)`, and must be a no-op when the step has already happened.
 */
export interface DueTaskSource<Task extends DueTask = DueTask> {
  readonly name: string;
  /** Tasks due at or before `now`, oldest first. */
  due(now: Date, limit: number): Task[];
  run(task: Task): Promise<void>;
  /**
   * When the next task becomes due, from what the read models hold now (undefined: none is
   * known). Earlier than the truth costs one idle pass; later would delay a task, so when unsure
   * answer earlier. A source without it is asked for due tasks at every poll interval.
   */
  nextDueAt?(now: Date): Date | undefined;
}

/** The last instant the read models' ISO-8601 columns hold (they compare as text). */
export const LAST_INSTANT = new Date('9999-12-31T23:59:59.999Z');

/** `nextDueAt` for a source whose `due` is one query ordered by due time: its first task ever due. */
export function firstDueAt(source: DueTaskSource): Date | undefined {
  return source.due(LAST_INSTANT, 1)[0]?.dueAt;
}

/** Marks a provider implementing DueTaskSource; the DueTaskScheduler finds every one. */
export const DueTaskSourceProvider = DiscoveryService.createDecorator<void>();
