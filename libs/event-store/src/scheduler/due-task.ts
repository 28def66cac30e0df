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
}

/** Marks a provider implementing DueTaskSource; the DueTaskScheduler finds every one. */
export const DueTaskSourceProvider = DiscoveryService.createDecorator<void>();
