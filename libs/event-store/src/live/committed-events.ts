import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type StoreSubscription } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';

/** Receives each batch of events once every read model has applied it; must not block (queue the work). */
export type CommittedEventsListener = (events: readonly RecordedEvent[]) => void;

const RESUBSCRIBE_DELAY_MS = 1_000;

/**
 * A live tail of the store for GraphQL subscriptions: from the head at start, each batch is handed
 * to the listeners only after `ProjectionRunner.waitFor` says the read models have applied it, so
 * a listener reading a read model sees the change. Fed from the store, not from the in-process
 * bus, so every instance on one store hears every write. Live only: no checkpoint, as a GraphQL
 * subscription delivers only what happens while it is open.
 */
@Injectable()
export class CommittedEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CommittedEvents.name);
  private readonly listeners = new Set<CommittedEventsListener>();
  private subscription?: StoreSubscription;
  private position: bigint | 'start' = 'start';
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private started?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.started = this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.listeners.clear();
    await this.subscription?.close();
  }

  /** Resolves once the tail is subscribed: events appended afterwards reach the listeners. */
  whenLive(): Promise<void> {
    return this.started ?? Promise.resolve();
  }

  /** Adds a listener; the returned function removes it. */
  listen(listener: CommittedEventsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private async start(): Promise<void> {
    try {
      this.position = await this.store.headPosition();
    } catch (error) {
      this.logger.warn(`Live tail of the store cannot start (${(error as Error).message}); retrying`);
      await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS).unref());
      return this.stopped ? undefined : this.start();
    }
    this.subscribe();
  }

  private subscribe(): void {
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll(
      { fromPosition: this.position },
      {
        onEvents: (events) => this.deliver(events),
        onError: (error) => {
          this.logger.warn(`Live tail of the store failed (${error.message}); resubscribing`);
          this.retryTimer = setTimeout(() => this.subscribe(), RESUBSCRIBE_DELAY_MS);
        },
      },
    );
  }

  private async deliver(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const last = events[events.length - 1].position;
    if (this.listeners.size > 0) {
      await this.projections.waitFor(last);
      for (const listener of [...this.listeners]) {
        try {
          listener(events);
        } catch (error) {
          this.logger.error(`A live listener failed: ${(error as Error).message}`);
        }
      }
    }
    this.position = last;
  }
}
