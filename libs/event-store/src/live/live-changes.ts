import { Injectable } from '@nestjs/common';
import { NotFoundError, TooManyRequestsError } from '@app/core';
import type { RecordedEvent } from '../event-store.port.js';
import { CommittedEvents } from './committed-events.js';

/** How many changed objects may wait for a client that reads too slowly before its subscription ends. */
export const DEFAULT_MAX_PENDING_CHANGES = 100;

export interface WatchOptions<T> {
  /** The keys (ids) of the objects an event changes; a key already waiting is not queued twice. */
  keysOf(event: RecordedEvent): Iterable<string>;
  /**
   * The changed object as the query answers it (through the same access rules), read when the
   * client takes it; undefined or NOT_FOUND leaves it out (gone, or not for this caller).
   */
  load(key: string): T | undefined | Promise<T | undefined>;
  maxPending?: number;
  /** Keys looked at again every `ms` as well (changes time alone makes, such as a shift starting). */
  alsoEvery?: { ms: number; keys: () => Iterable<string> };
}

/** Turns committed events into a GraphQL subscription's stream of changed objects. */
@Injectable()
export class LiveChanges {
  constructor(private readonly events: CommittedEvents) {}

  watch<T>(options: WatchOptions<T>): AsyncIterableIterator<T> {
    return new ChangeStream(this.events, options);
  }
}

/**
 * Memory is bounded by the keys waiting (at most `maxPending`): changes to one object coalesce,
 * and the object is read from the read models when the client takes it, so it is the newest. A
 * client further behind than that gets TOO_MANY_REQUESTS and its subscription ends; `return()`
 * (the client completing, or the socket closing) stops listening at once, even mid-wait.
 */
class ChangeStream<T> implements AsyncIterableIterator<T> {
  private readonly pending = new Set<string>();
  private readonly maxPending: number;
  private readonly unlisten: () => void;
  private readonly timer?: NodeJS.Timeout;
  private wake?: () => void;
  private failure?: Error;
  private finished = false;

  constructor(
    events: CommittedEvents,
    private readonly options: WatchOptions<T>,
  ) {
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING_CHANGES;
    this.unlisten = events.listen((batch) => this.enqueue(batch));
    const every = options.alsoEvery;
    if (every) this.timer = setInterval(() => this.enqueueKeys(every.keys()), every.ms).unref();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.failure) {
        const failure = this.failure;
        this.failure = undefined;
        this.finish();
        throw failure;
      }
      if (this.finished) return { done: true, value: undefined };
      const key = this.pending.values().next().value;
      if (key === undefined) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      this.pending.delete(key);
      const value = await this.load(key);
      if (value === undefined || this.finished) continue;
      return { done: false, value };
    }
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.reject(error);
  }

  private async load(key: string): Promise<T | undefined> {
    try {
      return await this.options.load(key);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private enqueue(batch: readonly RecordedEvent[]): void {
    this.enqueueKeys(batch.flatMap((event) => [...this.options.keysOf(event)]));
  }

  private enqueueKeys(keys: Iterable<string>): void {
    if (this.finished) return;
    for (const key of keys) this.pending.add(key);
    if (this.pending.size > this.maxPending) {
      this.pending.clear();
      this.failure = new TooManyRequestsError(
        `More than ${this.maxPending} changes waited for this subscription (the client reads too slowly); ` +
          'subscribe again and refetch',
        { maxPending: this.maxPending },
      );
      this.stopListening();
    }
    this.signal();
  }

  private finish(): void {
    this.finished = true;
    this.pending.clear();
    this.stopListening();
    this.signal();
  }

  private stopListening(): void {
    this.unlisten();
    clearInterval(this.timer);
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
