import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { NotFoundError } from '@app/core';
import { EVENT_STORE, type EventStore, type RecordedEvent, type StoreSubscription } from '../event-store.port.js';
import type { SkippedEvent } from '../foreign-events.js';
import {
  ProjectionEventError,
  SkippedEventCounts,
  describeFailure,
  failureOf,
  type ProjectionFailure,
} from './projection-failure.js';
import type { Projection } from './projection.js';
import { READ_MODEL_DATABASE, ReadModelDatabase, type StoreIdentity } from './read-model-database.js';
import { ReadModelProjection } from './read-model-projection.decorator.js';

export interface ProjectionStatus {
  name: string;
  version: number;
  position: bigint | 'start';
  state: 'starting' | 'running' | 'failed' | 'stopped';
  /** Has applied every event the store held when this process started. */
  caughtUp: boolean;
  error?: string;
  /** Set while the projection does not advance: the event it fails on, when one is to blame. */
  failure?: ProjectionFailure;
  skipped: SkippedEventCounts;
}

export interface ProjectionsReadiness {
  ready: boolean;
  catchingUp: string[];
  stuck: Array<{ name: string; failure: ProjectionFailure }>;
}

interface Running {
  projection: Projection;
  position: bigint | 'start';
  store: StoreIdentity | null;
  state: 'starting' | 'running' | 'stopped';
  caughtUp: boolean;
  failure?: ProjectionFailure;
  subscription?: StoreSubscription;
  retryTimer?: NodeJS.Timeout;
  failures: number;
  skipped: SkippedEventCounts;
}

interface Waiter {
  position: bigint;
  resolve: () => void;
}

export const PROJECTION_WAIT_TIMEOUT_MS = Symbol('PROJECTION_WAIT_TIMEOUT_MS');

/**
 * Feeds every projection from the store's catch-up subscription, starting at its checkpoint.
 * A batch of events and the new checkpoint commit in one read-model transaction, so a restart
 * neither skips nor repeats an event. A checkpoint names the store it belongs to (the service's
 * first event in it): a read model whose store was replaced is rebuilt, not resumed.
 *
 * A projection whose `apply` throws keeps what it applied before that event, serves reads as it
 * is, reports the event, and tries it again with a growing delay; the others go on.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly running = new Map<string, Running>();
  private waiters: Waiter[] = [];
  private readonly committedListeners = new Set<() => void>();
  private headAtStart?: Promise<bigint | 'start'>;
  private knownHeadAtStart?: bigint | 'start';

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
    for (const projection of projections) this.launch(this.register(projection));
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
      state: r.failure ? 'failed' : r.state,
      caughtUp: r.caughtUp,
      error: r.failure && describeFailure(r.failure),
      failure: r.failure,
      skipped: r.skipped,
    }));
  }

  /** Ready once every read model has caught up with the store as it was at start, and none is stuck. */
  readiness(): ProjectionsReadiness {
    const statuses = this.statuses();
    const catchingUp = statuses.filter((s) => !s.caughtUp).map((s) => s.name);
    const stuck = statuses.flatMap((s) => (s.failure ? [{ name: s.name, failure: s.failure }] : []));
    return { ready: catchingUp.length === 0 && stuck.length === 0, catchingUp, stuck };
  }

  /** Resolves once every projection has applied the event at `position` (or the timeout passed). */
  /** Calls `listener` after each commit of any projection (the read models changed); returns how to stop. */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

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
      this.readModels.saveCheckpoint(projection.name, { version: projection.version, position: 'start', store: null });
    })();
    projection.afterCommit?.([]);
    const rebuilt = this.register(projection, running.skipped);
    await this.start(rebuilt).catch((error: Error) => this.fail(rebuilt, error));
    const head = await this.store.headPosition();
    if (head !== 'start') await this.waitFor(head, Math.max(this.waitTimeoutMs, 60_000));
    return this.statuses().find((s) => s.name === name)!;
  }

  /** Sets the projection up at once (queries may run before it has subscribed), rebuilding it when its version changed. */
  private register(projection: Projection, skipped = new SkippedEventCounts()): Running {
    const db = this.readModels.db;
    const stored = this.readModels.checkpoint(projection.name);
    let checkpoint = stored ?? { version: projection.version, position: 'start' as const, store: null };
    db.transaction(() => {
      if (stored && stored.version !== projection.version) {
        this.logger.log(
          `Projection ${projection.name} changed (v${stored.version} → v${projection.version}); rebuilding`,
        );
        projection.tearDown(db);
        checkpoint = { version: projection.version, position: 'start', store: null };
      }
      projection.setUp(db);
      this.readModels.saveCheckpoint(projection.name, checkpoint);
    })();
    const running: Running = {
      projection,
      position: checkpoint.position,
      store: checkpoint.store,
      state: 'starting',
      caughtUp: false,
      failures: 0,
      skipped,
    };
    this.running.set(projection.name, running);
    return running;
  }

  private launch(running: Running): void {
    this.start(running).catch((error: Error) => this.fail(running, error));
  }

  private async start(running: Running): Promise<void> {
    const { projection } = running;
    const [identity, head] = await Promise.all([this.storeIdentity(), this.storeHeadAtStart()]);
    if (running.state === 'stopped' || this.running.get(projection.name) !== running) return;
    const db = this.readModels.db;
    const stored = this.readModels.checkpoint(projection.name);
    let from: bigint | 'start' = stored?.position ?? 'start';
    let store = stored?.store ?? null;
    const replaced = stored && this.replacedStore(stored, identity);
    if (replaced) {
      this.logger.log(`Projection ${projection.name}: ${replaced}; rebuilding`);
      db.transaction(() => {
        projection.tearDown(db);
        projection.setUp(db);
        this.readModels.saveCheckpoint(projection.name, {
          version: projection.version,
          position: 'start',
          store: null,
        });
      })();
      projection.afterCommit?.([]);
      from = 'start';
      store = null;
    }
    running.position = from;
    running.store = store;
    running.state = 'running';
    if (running.failure?.eventId === undefined) running.failure = undefined;
    if (head === 'start' || (from !== 'start' && from >= head)) running.caughtUp = true;
    running.subscription = this.store.subscribeToAll(
      { fromPosition: from, maxBatchSize: 5000 },
      {
        onEvents: async (events) => this.applyBatch(running, events),
        onError: (error) => this.fail(running, error),
        onSkipped: (event) => this.skip(running, event),
      },
    );
    this.releaseWaiters();
  }

  private replacedStore(
    stored: { position: bigint | 'start'; store: StoreIdentity | null },
    identity: StoreIdentity | null,
  ): string | undefined {
    if (stored.position === 'start') return undefined;
    if (!stored.store) return 'its checkpoint names no store';
    if (!identity || identity.eventId !== stored.store.eventId || identity.position !== stored.store.position) {
      return `the store was replaced (its first event is not ${stored.store.eventId} at ${stored.store.position})`;
    }
    return undefined;
  }

  /** The service's first event in the store, which a checkpoint records; null while there is none. */
  private async storeIdentity(): Promise<StoreIdentity | null> {
    const [first] = await this.store.readAll({ fromPosition: 'start', maxCount: 1 });
    return first ? { eventId: first.id, position: first.position } : null;
  }

  private storeHeadAtStart(): Promise<bigint | 'start'> {
    this.headAtStart ??= this.store.headPosition().then(
      (head) => (this.knownHeadAtStart = head),
      (error: unknown) => {
        this.headAtStart = undefined;
        throw error;
      },
    );
    return this.headAtStart;
  }

  private applyBatch(running: Running, events: RecordedEvent[]): void {
    if (running.state !== 'running') return;
    const store =
      running.store ?? (running.position === 'start' ? { eventId: events[0].id, position: events[0].position } : null);
    let failedAt = -1;
    const commit = (batch: RecordedEvent[]) => {
      try {
        this.commit(running, batch, store, (index) => (failedAt = index));
      } catch (error) {
        running.projection.afterRollback?.();
        throw error;
      }
    };
    try {
      commit(events);
    } catch (error) {
      if (failedAt < 0) throw error;
      const failing = events[failedAt];
      if (failedAt > 0) commit(events.slice(0, failedAt));
      throw new ProjectionEventError(failing, error);
    }
  }

  private commit(
    running: Running,
    events: RecordedEvent[],
    store: StoreIdentity | null,
    applying: (index: number) => void,
  ): void {
    const { projection } = running;
    const db = this.readModels.db;
    const last = events[events.length - 1].position;
    db.transaction(() => {
      events.forEach((event, index) => {
        applying(index);
        projection.apply(event, db);
      });
      applying(-1);
      projection.flush?.(db);
      this.readModels.saveCheckpoint(projection.name, { version: projection.version, position: last, store });
    })();
    running.position = last;
    running.store = store;
    running.failures = 0;
    if (running.failure && (running.failure.position === undefined || running.failure.position <= last)) {
      this.logger.log(`Projection ${projection.name} is past ${describeFailure(running.failure)}`);
      running.failure = undefined;
    }
    this.markCaughtUp(running);
    projection.afterCommit?.(events);
    this.releaseWaiters();
    for (const listener of this.committedListeners) listener();
  }

  private markCaughtUp(running: Running): void {
    const head = this.knownHeadAtStart;
    if (running.caughtUp || head === undefined) return;
    if (head === 'start' || (running.position !== 'start' && running.position >= head)) running.caughtUp = true;
  }

  private skip(running: Running, event: SkippedEvent): void {
    running.skipped.add(event);
    this.logger.debug(
      `Projection ${running.projection.name} skipped ${event.id} (${event.type} in ${event.streamId}): ${event.reason}`,
    );
  }

  private fail(running: Running, error: Error): void {
    if (running.state === 'stopped') return;
    running.failure = failureOf(error, running.failure);
    running.failures += 1;
    const delay = Math.min(30_000, 250 * 2 ** running.failures);
    this.logger.error(
      `Projection ${running.projection.name} failed on ${describeFailure(running.failure)}; retrying in ${delay} ms`,
    );
    void running.subscription?.close();
    running.retryTimer = setTimeout(() => {
      if (this.running.get(running.projection.name) === running && running.state !== 'stopped') this.launch(running);
    }, delay);
    this.releaseWaiters();
  }

  private async stop(running: Running): Promise<void> {
    clearTimeout(running.retryTimer);
    running.state = 'stopped';
    await running.subscription?.close();
  }

  /** A stuck projection does not hold writers back: it is reported instead (health, projections query). */
  private caughtUpTo(position: bigint): boolean {
    for (const r of this.running.values()) {
      if (r.failure) continue;
      if (r.state === 'starting' || r.position === 'start' || r.position < position) return false;
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
