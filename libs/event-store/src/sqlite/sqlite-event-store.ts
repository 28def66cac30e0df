import { EventEmitter } from 'node:events';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import {
  assertWithinAppendBudget,
  DEFAULT_APPEND_BUDGET_BYTES,
  serialisedSize,
  serialiseEvent,
  type SerialisedEvent,
} from '../append-budget.js';
import { WrongExpectedRevisionError } from '../event-store.errors.js';
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
import {
  fromRaw,
  fromRow,
  isSkippedRow,
  positionOf,
  serviceEvents,
  type EventRow,
  type RawEventRow,
  type StoredRow,
} from './sqlite-event-rows.js';
import { openEventStoreSchema } from './sqlite-event-store.schema.js';
import { SqliteSubscription } from './sqlite-subscription.js';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** FULL (default) also survives power loss; NORMAL survives a killed process. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often live subscriptions look for events written by another process. */
  pollIntervalMs?: number;
  /** The largest append accepted, in bytes of data and metadata (DEFAULT_APPEND_BUDGET_BYTES). */
  appendBudgetBytes?: number;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  serialised: SerialisedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const NO_STREAM = -1;

/**
 * Embedded event store on one SQLite file (WAL). Appends issued in the same tick share one
 * transaction and one commit (group commit); each append is still checked and applied on its
 * own, inside a savepoint, so one append's failure does not affect the others.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly statements: {
    streamRevision: Statement<[string], { revision: number | null }>;
    findEvent: Statement<[string, string], { revision: number }>;
    eventsFrom: Statement<[string, number, number], EventRow>;
    insert: Statement<[string, number, string, string, string, string]>;
    upsertStream: Statement<[string, number]>;
    readForwards: Statement<[string, number, number], EventRow>;
    readBackwards: Statement<[string, number, number], EventRow>;
    readAll: Statement<[number, number], RawEventRow>;
    head: Statement<[], { position: number | null }>;
    newest: Statement<[], EventRow>;
  };

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.db = new BetterSqlite3(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    openEventStoreSchema(this.db);
    this.appended.setMaxListeners(0);
    this.statements = {
      // Rows another program inserted count too: the next event goes after the stream's last row.
      streamRevision: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      findEvent: this.db.prepare('SELECT revision FROM events WHERE event_id = ? AND stream_id = ?'),
      eventsFrom: this.db.prepare(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      upsertStream: this.db.prepare(
        'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision',
      ),
      readForwards: this.db.prepare(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readBackwards: this.db.prepare(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      readAll: this.db
        .prepare<[number, number], RawEventRow>(
          'SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position >= ? ORDER BY position LIMIT ?',
        )
        .raw(true),
      head: this.db.prepare('SELECT MAX(position) AS position FROM events'),
      newest: this.db.prepare('SELECT * FROM events ORDER BY position DESC'),
    };
  }

  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('The event store is closed'));
    const serialised = events.map(serialiseEvent);
    try {
      const bytes = serialised.reduce((sum, event) => sum + serialisedSize(event), 0);
      assertWithinAppendBudget(
        streamId,
        bytes,
        this.options.appendBudgetBytes ?? DEFAULT_APPEND_BUDGET_BYTES,
        events.length,
      );
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, serialised, expected: expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const appendOne = this.db.transaction((pending: PendingAppend) => this.appendNow(pending));
    try {
      this.db.transaction(() => {
        for (const pending of batch) {
          try {
            outcomes.push({ ok: true, result: appendOne(pending) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (commitError) {
      for (const pending of batch) pending.reject(commitError);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    this.appended.emit('appended');
  }

  private appendNow({ streamId, events, serialised, expected }: PendingAppend): AppendResult {
    const current = this.statements.streamRevision.get(streamId)?.revision ?? NO_STREAM;
    const retried = events.length > 0 ? this.findRetriedAppend(streamId, events, expected) : undefined;
    if (retried) return retried;
    if (!revisionMatches(expected, current)) {
      throw new WrongExpectedRevisionError(streamId, expected, current === NO_STREAM ? 'no_stream' : BigInt(current));
    }
    let revision = current;
    let position = 0;
    for (const [i, event] of events.entries()) {
      revision += 1;
      const { data, metadata } = serialised[i];
      const info = this.statements.insert.run(streamId, revision, event.id, event.type, data, metadata);
      position = Number(info.lastInsertRowid);
    }
    if (events.length === 0) {
      return { nextExpectedRevision: BigInt(current), position: BigInt(this.statements.head.get()?.position ?? 0) };
    }
    this.statements.upsertStream.run(streamId, revision);
    return { nextExpectedRevision: BigInt(revision), position: BigInt(position) };
  }

  /**
   * An append whose event ids are already stored, in order: right after the expected revision,
   * or anywhere in the stream for `any` and `stream_exists` (as EventStoreDB decides).
   */
  private findRetriedAppend(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.statements.findEvent.get(events[0].id, streamId);
    if (!first) return undefined;
    const stored = this.statements.eventsFrom.all(streamId, first.revision, events.length);
    const sameEvents = stored.length === events.length && stored.every((row, i) => row.event_id === events[i].id);
    const anywhere = expected === 'any' || expected === 'stream_exists';
    if (!sameEvents || !(anywhere || revisionMatches(expected, first.revision - 1))) return undefined;
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return serviceEvents(this.streamRows(streamId, options).map(fromRow));
  }

  /** One read transaction: the rows and the revision belong to the same state of the file. */
  async readStreamWithRevision(streamId: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    return this.db.transaction(() => {
      const events = serviceEvents(this.streamRows(streamId, options).map(fromRow));
      const revision = this.statements.streamRevision.get(streamId)?.revision ?? null;
      return { events, revision: revision === null ? ('no_stream' as const) : BigInt(revision) };
    })();
  }

  private streamRows(streamId: string, options: ReadStreamOptions): EventRow[] {
    const direction = options.direction ?? 'forwards';
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (direction === 'forwards') {
      const start = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : Number(from);
      return this.statements.readForwards.all(streamId, start, limit);
    }
    const start = from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : Number(from);
    return this.statements.readBackwards.all(streamId, start, limit);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options.fromPosition ?? 'start', options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  /** The service's events from a position; rows someone else wrote are left out. */
  readAllSync(fromPosition: bigint | 'start', maxCount: number): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    let from = fromPosition === 'start' ? 0 : Number(fromPosition);
    while (events.length < maxCount) {
      const pageSize = Math.min(Math.max(maxCount - events.length, 100), 10_000);
      const rows = this.readRowsSync(from, pageSize);
      for (const row of rows) if (!isSkippedRow(row) && events.length < maxCount) events.push(row);
      if (rows.length < pageSize) break;
      from = Number(positionOf(rows[rows.length - 1])) + 1;
    }
    return events;
  }

  /** Synchronous, so a batch is read in one go: every row, the skipped ones marked. */
  readRowsSync(fromPosition: bigint | 'start' | number, maxCount: number): StoredRow[] {
    const from = fromPosition === 'start' ? 0 : Number(fromPosition);
    return this.statements.readAll.all(from, maxCount).map(fromRaw);
  }

  subscribeToAll(options: SubscribeToAllOptions, callbacks: SubscriptionCallbacks): StoreSubscription {
    const subscription = new SqliteSubscription(
      this,
      this.appended,
      options,
      callbacks,
      this.options.pollIntervalMs ?? 250,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  /** The newest row that is the service's event (rows someone else wrote are passed over). */
  async headPosition(): Promise<bigint | 'start'> {
    for (const row of this.statements.newest.iterate()) {
      const stored = fromRow(row);
      if (!isSkippedRow(stored)) return stored.position;
    }
    return 'start';
  }

  async checkHealth(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.queue.length > 0) this.flush();
    this.db.close();
  }
}

function revisionMatches(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_STREAM;
    case 'stream_exists':
      return current !== NO_STREAM;
    default:
      return BigInt(current) === expected;
  }
}
