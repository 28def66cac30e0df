import type { SkippedEvent } from './foreign-events.js';

/**
 * The event store port. It mirrors EventStoreDB's semantics so that the embedded SQLite adapter
 * and the EventStoreDB adapter are interchangeable (one contract suite runs against both).
 *
 * - Stream revisions are 0-based; `nextExpectedRevision` is the revision of the last event written.
 * - Global positions only grow; they are not contiguous (EventStoreDB's are byte offsets).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventMetadata {
  actor: string;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  /** Version of the event's data schema, so old events can be upcast when a shape changes. */
  schemaVersion: number;
}

export interface NewEvent {
  /**
   * A uuid. Appending stored ids again is a no-op answered like the first write, as EventStoreDB
   * decides: at the same expected revision (even after later writes), or anywhere in the stream
   * with `any` / `stream_exists`; repeating only part of a stored write is a wrong revision.
   */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  revision: bigint;
  position: bigint;
}

export interface AppendResult {
  nextExpectedRevision: bigint;
  position: bigint;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive. Defaults to 'start' forwards and 'end' backwards. */
  fromRevision?: bigint | 'start' | 'end';
  maxCount?: number;
}

/** A read of one stream with the stream's revision. */
export interface StreamRead {
  /** The service's events read, as `readStream` answers them. */
  events: RecordedEvent[];
  /**
   * The revision of the stream's last event, events the service did not write included
   * ('no_stream' when the stream has none): the expected revision of an append that follows
   * what was read. For a forwards read to the end, it is the revision as of that read.
   */
  revision: bigint | 'no_stream';
}

export interface ReadAllOptions {
  /** Inclusive; defaults to 'start'. */
  fromPosition?: bigint | 'start';
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription delivers events after this position. */
  fromPosition: bigint | 'start';
  /** Largest batch handed to the handler at once. */
  maxBatchSize?: number;
}

/**
 * Receives events in order, in batches. The next batch is not delivered before the returned
 * promise settles; a rejection ends the subscription and is reported to `onError`.
 */
export type SubscriptionHandler = (events: RecordedEvent[]) => Promise<void>;

export interface SubscriptionCallbacks {
  onEvents: SubscriptionHandler;
  onError?: (error: Error) => void;
  /** An event the service did not write (see foreign-events.ts), left out of every batch. */
  onSkipped?: (event: SkippedEvent) => void;
}

export interface StoreSubscription {
  /** Stops delivery; resolves once no handler call is running any more. */
  close(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /**
   * Events of one stream; an empty array when the stream does not exist. Here and in every read
   * and subscription, events the service did not write are left out.
   */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * The same read, with the stream's last revision counting the events left out: an append
   * after a stream that ends with another client's events expects that revision.
   */
  readStreamWithRevision(streamId: string, options?: ReadStreamOptions): Promise<StreamRead>;
  /** The service's events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catches up from `fromPosition`, then delivers live events until closed. */
  subscribeToAll(options: SubscribeToAllOptions, callbacks: SubscriptionCallbacks): StoreSubscription;
  /** Position of the service's last event in the store ('start' when there is none). */
  headPosition(): Promise<bigint | 'start'>;
  /** Throws when the store cannot be reached. */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
