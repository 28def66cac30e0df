import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CLOCK, ManualClock, type Clock } from '@app/core';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { DueTaskSourceProvider, type DueTaskSource } from './due-task.js';

export const DUE_TASK_POLL_INTERVAL_MS = Symbol('DUE_TASK_POLL_INTERVAL_MS');

const BATCH = 100;
/** The longest it sleeps, whatever the sources say (a safety net; also setTimeout's range). */
export const MAX_SLEEP_MS = 60_000;

/**
 * Runs time-driven steps (acknowledgement timeouts, follow-up timers, shift boundaries, overdue
 * updates) when the clock reaches them. After each pass it sleeps until the earliest instant a
 * source names (`nextDueAt`; a source without it is asked again after the poll interval), at
 * most MAX_SLEEP_MS; a commit of the read models wakes it earlier, at most once per poll interval,
 * since new events may bring new tasks. Nothing is walked while nothing is due. With a
 * ManualClock it also runs whenever a test moves the clock, and `runDue()` lets a test wait for
 * the steps to be recorded. A poll interval of 0 turns the timers off (tests drive it). No step runs
 * before the read models have caught up with the store as it was at start: a half-built read model
 * would name the wrong responder, or a page already answered.
 * Several instances may run it at once: the steps' deterministic event ids keep each one single.
 */
@Injectable()
export class DueTaskScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DueTaskScheduler.name);
  private sources: DueTaskSource[] = [];
  private timer?: NodeJS.Timeout;
  /** performance.now() at which the timer fires. */
  private timerAt = Infinity;
  private lastPassAt = -Infinity;
  private stopClockListener?: () => void;
  private stopCommitListener?: () => void;
  private running: Promise<number> | undefined;
  private rerun = false;
  private stopped = false;
  private stop!: () => void;
  private readonly stopping = new Promise<void>((resolve) => (this.stop = resolve));

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DUE_TASK_POLL_INTERVAL_MS) private readonly pollIntervalMs: number,
    private readonly discovery: DiscoveryService,
    private readonly projections: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.sources = this.discovery
      .getProviders({ metadataKey: DueTaskSourceProvider.KEY })
      .map((wrapper) => wrapper.instance as DueTaskSource);
    if (this.pollIntervalMs > 0) {
      this.stopCommitListener = this.projections.onCommitted(() =>
        this.wakeAt(Math.max(performance.now(), this.lastPassAt + this.pollIntervalMs)),
      );
      this.wakeAt(performance.now());
    }
    if (this.clock instanceof ManualClock) {
      this.stopClockListener = this.clock.onChange(() => void this.runDue().catch(() => undefined));
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stop();
    clearTimeout(this.timer);
    this.stopClockListener?.();
    this.stopCommitListener?.();
    await this.running?.catch(() => undefined);
  }

  /** Runs every step due now; resolves with how many ran. Calls made while it runs are folded into one more pass. */
  runDue(): Promise<number> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.lastPassAt = performance.now();
      if (this.pollIntervalMs > 0) this.wakeAt(this.lastPassAt + this.sleepMs());
    });
    return this.running;
  }

  /** Until the earliest next task a source names; the poll interval for a source that names none or one already due. */
  private sleepMs(): number {
    const now = this.clock.now().getTime();
    let sleep = MAX_SLEEP_MS;
    for (const source of this.sources) {
      let next: number | undefined;
      try {
        next = source.nextDueAt ? source.nextDueAt(this.clock.now())?.getTime() : now;
      } catch (error) {
        this.logger.error(`${source.name}: cannot tell when its next task is due: ${(error as Error).message}`);
        next = now;
      }
      if (next === undefined) continue;
      sleep = Math.min(sleep, next <= now ? this.pollIntervalMs : next - now);
    }
    return sleep;
  }

  /** Runs a pass at `at` (performance.now() time) unless one is set earlier already. */
  private wakeAt(at: number): void {
    if (this.stopped || at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timerAt = Infinity;
        this.timer = undefined;
        void this.runDue().catch(() => undefined);
      },
      Math.max(0, at - performance.now()),
    );
    this.timer.unref();
  }

  private async drain(): Promise<number> {
    let count = 0;
    do {
      this.rerun = false;
      count += await this.pass();
    } while (this.rerun && !this.stopped);
    return count;
  }

  private async pass(): Promise<number> {
    // The steps are decided on the read models: not before they have caught up with the store.
    await Promise.race([this.projections.whenCaughtUp(), this.stopping]);
    if (this.stopped) return 0;
    let count = 0;
    for (const source of this.sources) {
      const seen = new Set<string>();
      for (;;) {
        const tasks = source.due(this.clock.now(), BATCH).filter((task) => !seen.has(task.taskId));
        if (tasks.length === 0 || this.stopped) break;
        for (const task of tasks) {
          seen.add(task.taskId);
          try {
            await source.run(task);
            count += 1;
          } catch (error) {
            this.logger.error(`${source.name}: task ${task.taskId} failed: ${(error as Error).message}`);
          }
        }
      }
    }
    return count;
  }
}
