import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { NotFoundError } from '@app/core';
import { EVENT_STORE, type EventStore, type RecordedEvent, type StoreSubscription } from '../event-store.port.js';
import type { Projection } from './projection.js';
import { READ_MODEL_DATABASE, ReadModelDatabase } from './read-model-database.js';
import { ReadModelProjection } from './read-model-projection.decorator.js';

export interface ProjectionStatus {
  name: string;
  version: number;
  position: bigint | 'start';
  state: 'running' | 'failed' | 'stopped';
  error?: string;
}

interface Running {
  projection: Projection;
  position: bigint | 'start';
  state: ProjectionStatus['state'];
  error?: string;
  subscription?: StoreSubscription;
  retryTimer?: NodeJS.Timeout;
  failures: number;
}

interface Waiter {
  position: bigint;
  resolve: () => void;
}

export const PROJECTION_WAIT_TIMEOUT_MS = Symbol('PROJECTION_WAIT_TIMEOUT_MS');

/**
 * Feeds every projection from the store's catch-up subscription, starting at its checkpoint.
 * A batch of events and the new checkpoint commit in one read-model transaction, so a restart
 * neither skips nor repeats an event.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly running = new Map<string, Running>();
  private waiters: Waiter[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase,
    @Inject(PROJECTION_WAIT_TIMEOUT_MS) private readonly waitTimeoutMs: number,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    const projections = this.discovery
      .getProviders({ metadataKey: ReadModelProjection.KEY })
      .map((wrapper) => wrapper.instance as Projection);
    for (const projection of projections) this.start(projection);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => this.stop(r)));
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  statuses(): ProjectionStatus[] {
    return [...this.running.values()].map((r) => ({
      name: r.projection.name,
      version: r.projection.version,
      position: r.position,
      state: r.state,
      error: r.error,
    }));
  }

  /** Resolves once every projection has applied the event at `position` (or the timeout passed). */
  waitFor(position: bigint, timeoutMs = this.waitTimeoutMs): Promise<void> {
    if (this.caughtUpTo(position)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn(`Projections did not reach position ${position} within ${timeoutMs} ms`);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Starts a projection again from the first event; answers once it has caught up. */
  async rebuild(name: string): Promise<ProjectionStatus> {
    const running = this.running.get(name);
    if (!running) throw new NotFoundError('Projection', name);
    await this.stop(running);
    const { projection } = running;
    this.readModels.db.transaction(() => {
      projection.tearDown(this.readModels.db);
      projection.setUp(this.readModels.db);
      this.readModels.saveCheckpoint(projection.name, { version: projection.version, position: 'start' });
    })();
    projection.afterCommit?.([]);
    this.start(projection);
    const head = await this.store.headPosition();
    if (head !== 'start') await this.waitFor(head, Math.max(this.waitTimeoutMs, 60_000));
    return this.statuses().find((s) => s.name === name)!;
  }

  private start(projection: Projection): void {
    const db = this.readModels.db;
    const stored = this.readModels.checkpoint(projection.name);
    let from: bigint | 'start' = stored?.position ?? 'start';
    db.transaction(() => {
      if (stored && stored.version !== projection.version) {
        this.logger.log(
          `Projection ${projection.name} changed (v${stored.version} → v${projection.version}); rebuilding`,
        );
        projection.tearDown(db);
        from = 'start';
      }
      projection.setUp(db);
      this.readModels.saveCheckpoint(projection.name, { version: projection.version, position: from });
    })();
    const previous = this.running.get(projection.name);
    const running: Running = { projection, position: from, state: 'running', failures: previous?.failures ?? 0 };
    this.running.set(projection.name, running);
    running.subscription = this.store.subscribeToAll(
      { fromPosition: from, maxBatchSize: 5000 },
      {
        onEvents: async (events) => this.applyBatch(running, events),
        onError: (error) => this.fail(running, error),
      },
    );
  }

  private applyBatch(running: Running, events: RecordedEvent[]): void {
    if (running.state !== 'running') return;
    const { projection } = running;
    const db = this.readModels.db;
    const last = events[events.length - 1].position;
    try {
      db.transaction(() => {
        for (const event of events) projection.apply(event, db);
        projection.flush?.(db);
        this.readModels.saveCheckpoint(projection.name, { version: projection.version, position: last });
      })();
    } catch (error) {
      projection.afterRollback?.();
      throw error;
    }
    running.position = last;
    running.failures = 0;
    projection.afterCommit?.(events);
    this.releaseWaiters();
  }

  private fail(running: Running, error: Error): void {
    running.state = 'failed';
    running.error = error.message;
    running.failures += 1;
    const delay = Math.min(30_000, 250 * 2 ** running.failures);
    this.logger.error(`Projection ${running.projection.name} failed: ${error.message}; retrying in ${delay} ms`);
    running.retryTimer = setTimeout(() => {
      if (this.running.get(running.projection.name) === running) this.start(running.projection);
    }, delay);
  }

  private async stop(running: Running): Promise<void> {
    clearTimeout(running.retryTimer);
    running.state = 'stopped';
    await running.subscription?.close();
  }

  private caughtUpTo(position: bigint): boolean {
    for (const r of this.running.values()) {
      if (r.position === 'start' || r.position < position) return false;
    }
    return true;
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0) return;
    const pending: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (this.caughtUpTo(waiter.position)) waiter.resolve();
      else pending.push(waiter);
    }
    this.waiters = pending;
  }
}
