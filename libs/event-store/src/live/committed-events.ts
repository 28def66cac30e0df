import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { RecordedEvent } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';

/** Receives each batch of events once every read model has applied it; must not block (queue the work). */
export type CommittedEventsListener = (events: readonly RecordedEvent[]) => void;

/**
 * A live tail of the store for GraphQL subscriptions: the events after the head at start, as the
 * projection runner's own subscription commits them (nothing is read or parsed twice), each batch
 * handed to the listeners only once `ProjectionRunner.waitFor` says every read model has applied
 * it, so a listener reading a read model sees the change. Fed from the store, not from the
 * in-process bus, so every instance on one store hears every write. Live only: no checkpoint, as a
 * GraphQL subscription delivers only what happens while it is open.
 */
@Injectable()
export class CommittedEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CommittedEvents.name);
  private readonly listeners = new Set<CommittedEventsListener>();
  private stopTailing?: () => void;
  /** Batches go out in order even while one waits for a read model. */
  private delivered: Promise<void> = Promise.resolve();

  constructor(private readonly projections: ProjectionRunner) {}

  onApplicationBootstrap(): void {
    this.stopTailing ??= this.projections.onCommittedEvents((events) => {
      this.delivered = this.delivered.then(() => this.deliver(events));
    });
  }

  onModuleDestroy(): void {
    this.stopTailing?.();
    this.listeners.clear();
  }

  /** Resolves once the tail has its start: events appended afterwards reach the listeners. */
  whenLive(): Promise<void> {
    return this.projections.whenTailing();
  }

  /** Adds a listener; the returned function removes it. */
  listen(listener: CommittedEventsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private async deliver(events: readonly RecordedEvent[]): Promise<void> {
    if (this.listeners.size === 0) return;
    await this.projections.waitFor(events[events.length - 1].position);
    for (const listener of [...this.listeners]) {
      try {
        listener(events);
      } catch (error) {
        this.logger.error(`A live listener failed: ${(error as Error).message}`);
      }
    }
  }
}
