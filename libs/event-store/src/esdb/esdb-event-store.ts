import {
  BACKWARDS,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { appendSize, assertWithinAppendBudget, DEFAULT_APPEND_BUDGET_BYTES } from '../append-budget.js';
import {
  AppendOutcomeUnknownError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../event-store.errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreSubscription,
  StreamRead,
  SubscribeToAllOptions,
  SubscriptionCallbacks,
} from '../event-store.port.js';
import { fromClientEvent, toClientPosition, toClientRevision, toEventData } from './esdb-event-mapping.js';
import { EsdbSubscription } from './esdb-subscription.js';

export interface EsdbEventStoreOptions {
  /** e.g. esdb://localhost:2113?tls=false */
  connectionString: string;
  /** How long `checkHealth` waits for an answer; 3 s by default. */
  healthCheckTimeoutMs?: number;
  /** The deadline of one append (the client's default is 10 s). */
  appendDeadlineMs?: number;
  /**
   * The largest append sent, in bytes of data and metadata (DEFAULT_APPEND_BUDGET_BYTES): a larger
   * one is refused here, since the server (MaxAppendSize, 1 MiB by default) would refuse it anyway.
   */
  appendBudgetBytes?: number;
}

/** The client (6.x) cannot filter plain reads of $all, so those are paged and filtered here. */
const READ_ALL_PAGE_SIZE = 1000;
const MIN_READ_ALL_PAGE_SIZE = 100;
const HEAD_SEARCH_PAGE_SIZE = 100;

/** The event store on an EventStoreDB server (or cluster), through its gRPC client. */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const budget = this.options.appendBudgetBytes ?? DEFAULT_APPEND_BUDGET_BYTES;
    assertWithinAppendBudget(streamId, appendSize(events), budget, events.length);
    let result: ClientAppendResult;
    try {
      result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toClientRevision(expectedRevision),
        ...(this.options.appendDeadlineMs !== undefined && { deadline: this.options.appendDeadlineMs }),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, error.actualVersion);
      }
      if (isAmbiguous(error)) throw new AppendOutcomeUnknownError(streamId, error);
      throw error;
    }
    // An empty append writes a record without an event: its position is one no subscription
    // reaches, so the answer is the head position instead.
    if (events.length === 0) return { nextExpectedRevision: result.nextExpectedRevision, position: await this.head() };
    const position = result.position?.commit ?? (await this.positionOfRevision(streamId, result.nextExpectedRevision));
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  }

  private async head(): Promise<bigint> {
    const head = await this.headPosition();
    return head === 'start' ? 0n : head;
  }

  /** For a server that answers without a position. */
  private async positionOfRevision(streamId: string, revision: bigint): Promise<bigint> {
    const [last] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!last) throw new Error(`Stream ${streamId}: appended revision ${revision} cannot be read`);
    return last.position;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const resolved = await this.readRaw(streamId, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision: toReadRevision(options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end')),
      ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
    });
    return ours(resolved ?? []);
  }

  async readStreamWithRevision(streamId: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (direction === 'forwards' && options.maxCount === undefined && from !== 'end') {
      return this.readToEnd(streamId, from);
    }
    const events = await this.readStream(streamId, options);
    return { events, revision: await this.lastRevision(streamId) };
  }

  /**
   * Reads from one revision before the one asked for: that event comes back even when nothing
   * follows it, so the stream's last revision is learnt from this one read (foreign events
   * included, as the server sends every event of the stream).
   */
  private async readToEnd(streamId: string, from: bigint | 'start'): Promise<StreamRead> {
    const before = from === 'start' || from === 0n ? undefined : from - 1n;
    let resolved = await this.readRaw(streamId, { direction: FORWARDS, fromRevision: before ?? START });
    if (resolved === undefined) return { events: [], revision: 'no_stream' };
    // A stream shorter than the revision asked for: read it whole, still in one read.
    if (resolved.length === 0 && before !== undefined) {
      resolved = (await this.readRaw(streamId, { direction: FORWARDS, fromRevision: START })) ?? [];
    }
    const last = resolved.findLast(({ event }) => event !== undefined)?.event;
    const events = ours(resolved).filter((event) => from === 'start' || event.revision >= from);
    return { events, revision: last ? last.revision : 'no_stream' };
  }

  private async lastRevision(streamId: string): Promise<bigint | 'no_stream'> {
    const resolved = await this.readRaw(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    const last = resolved?.[0]?.event;
    return last ? last.revision : 'no_stream';
  }

  /** Every event of the read, whoever wrote it; undefined when the stream does not exist. */
  private async readRaw(
    streamId: string,
    options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount?: number },
  ): Promise<ResolvedEvent[] | undefined> {
    try {
      return await collect(this.client.readStream(streamId, options));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    const fromPosition = options.fromPosition ?? 'start';
    let from: ReadPosition = fromPosition === 'start' ? START : toClientPosition(fromPosition);
    let previousPageEnd: bigint | undefined;
    while (events.length < wanted) {
      const pageSize = Math.max(
        MIN_READ_ALL_PAGE_SIZE,
        Math.min(READ_ALL_PAGE_SIZE, wanted - events.length + (previousPageEnd === undefined ? 0 : 1)),
      );
      const page = recordedEventsOf(await collect(this.client.readAll({ fromPosition: from, maxCount: pageSize })));
      for (const event of page) {
        if (events.length === wanted) break;
        const alreadyRead = previousPageEnd !== undefined && event.position.commit <= previousPageEnd;
        const ours = alreadyRead ? undefined : fromClientEvent(event);
        if (ours) events.push(ours);
      }
      if (page.length < pageSize) break;
      previousPageEnd = page[page.length - 1].position.commit;
      from = toClientPosition(previousPageEnd);
    }
    return events;
  }

  subscribeToAll(options: SubscribeToAllOptions, callbacks: SubscriptionCallbacks): StoreSubscription {
    const subscription = new EsdbSubscription(this.client, options, callbacks, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  /** Reads $all backwards until the service's last event. */
  async headPosition(): Promise<bigint | 'start'> {
    let from: ReadPosition = END;
    let previousPageEnd: bigint | undefined;
    for (;;) {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_SEARCH_PAGE_SIZE });
      const page = recordedEventsOf(await collect(read));
      const newest = page.find(
        (event) =>
          (previousPageEnd === undefined || event.position.commit < previousPageEnd) &&
          fromClientEvent(event) !== undefined,
      );
      if (newest) return newest.position.commit;
      if (page.length < HEAD_SEARCH_PAGE_SIZE) return 'start';
      previousPageEnd = page[page.length - 1].position.commit;
      from = toClientPosition(previousPageEnd);
    }
  }

  async checkHealth(): Promise<void> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    const timeoutMs = this.options.healthCheckTimeoutMs ?? 3000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([collect(read), timeout]);
    } catch (error) {
      read.cancel().catch(() => {});
      const reason = error instanceof Error ? error.message : String(error);
      throw new EventStoreUnavailableError(`EventStoreDB is unreachable: ${reason}`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }
}

/**
 * Errors after which the server may have committed the append: a deadline passed, the
 * connection dropped, or the server's own commit timed out (ABORTED, which the client names
 * TimeoutError). Every other error means the append was refused.
 */
function isAmbiguous(error: unknown): boolean {
  return error instanceof DeadlineExceededError || error instanceof UnavailableError || error instanceof TimeoutError;
}

async function collect<E>(read: StreamingRead<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}

function toReadRevision(from: bigint | 'start' | 'end'): ReadRevision {
  return from === 'start' ? START : from === 'end' ? END : from;
}

/** The service's events among those read. */
function ours(resolved: ResolvedEvent[]): RecordedEvent[] {
  return resolved.flatMap(({ event }) => {
    const mine = event && fromClientEvent(event);
    return mine ? [mine] : [];
  });
}

function recordedEventsOf(resolved: AllStreamResolvedEvent[]) {
  return resolved.flatMap(({ event }) => (event ? [event] : []));
}
