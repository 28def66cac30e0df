import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CLOCK, ManualClock, type Clock } from '@app/core';
import { DueTaskSourceProvider, type DueTaskSource } from './due-task.js';

export const DUE_TASK_POLL_INTERVAL_MS = Symbol('DUE_TASK_POLL_INTERVAL_MS');

const BATCH = 100;

/**
 * Runs time-driven steps (acknowledgement timeouts, follow-up timers, shift boundaries, overdue
 * updates) when the clock reaches them. It polls on an interval; with a ManualClock it also runs
 * whenever a test moves the clock, and `runDue()` lets a test wait for the steps to be recorded.
 * Several instances may run it at once: the steps' deterministic event ids keep each one single.
 */
@Injectable()
export class DueTaskScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DueTaskScheduler.name);
  private sources: DueTaskSource[] = [];
  private timer?: NodeJS.Timeout;
  private stopClockListener?: () => void;
  private running: Promise<number> | undefined;
  private rerun = false;
  private stopped = false;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DUE_TASK_POLL_INTERVAL_MS) private readonly pollIntervalMs: number,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.sources = this.discovery
      .getProviders({ metadataKey: DueTaskSourceProvider.KEY })
      .map((wrapper) => wrapper.instance as DueTaskSource);
    if (this.pollIntervalMs > 0) {
      this.timer = setInterval(() => void this.runDue().catch(() => undefined), this.pollIntervalMs);
      this.timer.unref();
    }
    if (this.clock instanceof ManualClock) {
      this.stopClockListener = this.clock.onChange(() => void this.runDue().catch(() => undefined));
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.stopClockListener?.();
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
    });
    return this.running;
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
