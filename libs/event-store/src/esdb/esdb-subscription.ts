import {
  AccessDeniedError,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type {
  RecordedEvent,
  StoreSubscription,
  SubscribeToAllOptions,
  SubscriptionCallbacks,
} from '../event-store.port.js';
import type { SkippedEvent } from '../foreign-events.js';
import { classifyClientEvent, toClientPosition } from './esdb-event-mapping.js';

const DEFAULT_MAX_BATCH_SIZE = 1000;
const FIRST_RESUBSCRIBE_DELAY_MS = 100;
const MAX_RESUBSCRIBE_DELAY_MS = 5000;

/** The server leaves out every `$` stream (its own statistics, metadata and projection links). */
const EXCLUDE_SYSTEM_STREAMS = streamNameFilter({ regex: '^[^$]' });

/**
 * A catch-up subscription to $all (system streams filtered out by the server, any other event the
 * service did not write skipped here and reported to `onSkipped`) that hands events
 * to one handler call at a time, in batches of what arrived while the previous call ran. When two
 * batches are waiting it pauses the gRPC stream, so a slow handler holds the server back through
 * HTTP/2 flow control instead of filling memory.
 *
 * EventStoreDB subscriptions do not survive a lost connection, so when the gRPC stream fails or
 * ends, this drops what it buffered and subscribes again, after a growing delay, from the last
 * position it handed to the handler: nothing is lost and nothing is delivered twice.
 */
export class EsdbSubscription implements StoreSubscription {
  private lastDelivered: bigint | 'start';
  private readonly maxBatchSize: number;
  private buffer: RecordedEvent[] = [];
  private connection: AllStreamSubscription | undefined;
  private paused = false;
  private closed = false;
  private delivering = false;
  private deliveryScheduled = false;
  private delivery: Promise<void> = Promise.resolve();
  private failedAttempts = 0;
  private resubscribeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    options: SubscribeToAllOptions,
    private readonly callbacks: SubscriptionCallbacks,
    private readonly onClosed: () => void,
  ) {
    this.lastDelivered = options.fromPosition;
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  }

  start(): void {
    this.subscribe();
  }

  async close(): Promise<void> {
    this.stop();
    await this.delivery;
  }

  private subscribe(): void {
    if (this.closed) return;
    const connection = this.client.subscribeToAll({
      fromPosition: this.lastDelivered === 'start' ? START : toClientPosition(this.lastDelivered),
      filter: EXCLUDE_SYSTEM_STREAMS,
    });
    this.connection = connection;
    this.paused = false;
    connection.on('confirmation', () => {
      this.failedAttempts = 0;
    });
    connection.on('data', (resolved: AllStreamResolvedEvent) => this.receive(connection, resolved));
    connection.on('error', (error: Error) => this.connectionLost(connection, error));
    connection.on('end', () => this.connectionLost(connection));
  }

  private receive(connection: AllStreamSubscription, resolved: AllStreamResolvedEvent): void {
    if (connection !== this.connection || !resolved.event) return;
    const outcome = classifyClientEvent(resolved.event);
    if (outcome.kind === 'skipped') {
      this.skip(outcome.skipped);
      return;
    }
    this.buffer.push(outcome.event);
    if (!this.paused && this.buffer.length >= 2 * this.maxBatchSize) {
      this.paused = true;
      connection.pause();
    }
    this.scheduleDelivery();
  }

  /** Past everything delivered, a skipped event is where a resubscription may start after. */
  private skip(skipped: SkippedEvent): void {
    if (this.buffer.length === 0 && skipped.position >= 0n) this.lastDelivered = skipped.position;
    try {
      this.callbacks.onSkipped?.(skipped);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Waits a turn of the event loop, so that events arriving together make one batch. */
  private scheduleDelivery(): void {
    if (this.delivering || this.deliveryScheduled) return;
    this.deliveryScheduled = true;
    setImmediate(() => {
      this.deliveryScheduled = false;
      if (!this.delivering) this.delivery = this.deliver();
    });
  }

  private async deliver(): Promise<void> {
    this.delivering = true;
    try {
      while (!this.closed && this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.maxBatchSize);
        this.lastDelivered = batch[batch.length - 1].position;
        this.resumeWhenDrained();
        await this.callbacks.onEvents(batch);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.delivering = false;
    }
  }

  private resumeWhenDrained(): void {
    if (this.paused && this.buffer.length <= this.maxBatchSize) {
      this.paused = false;
      this.connection?.resume();
    }
  }

  private connectionLost(connection: AllStreamSubscription, error?: Error): void {
    if (connection !== this.connection || this.closed) return;
    if (error instanceof AccessDeniedError) {
      this.fail(error);
      return;
    }
    this.disconnect();
    this.buffer = [];
    const delay = Math.min(FIRST_RESUBSCRIBE_DELAY_MS * 2 ** this.failedAttempts, MAX_RESUBSCRIBE_DELAY_MS);
    this.failedAttempts += 1;
    this.resubscribeTimer = setTimeout(() => this.subscribe(), delay);
  }

  private disconnect(): void {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    connection.removeAllListeners('data');
    connection.on('error', () => {});
    connection.unsubscribe().catch(() => {});
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.stop();
    this.callbacks.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  private stop(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.resubscribeTimer);
    this.buffer = [];
    this.disconnect();
    this.onClosed();
  }
}
