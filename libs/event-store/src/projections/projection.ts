import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port.js';

/**
 * A read model kept in the process's read-model database. `apply` runs inside the runner's
 * transaction, together with the checkpoint update, so it must be synchronous and only write
 * through `db`.
 */
export interface Projection {
  /** Unique, stable name; the checkpoint is stored under it. */
  readonly name: string;
  /** Bump when the tables or the meaning of `apply` change: the projection is then rebuilt. */
  readonly version: number;
  /** Creates the tables (idempotent). */
  setUp(db: Database): void;
  /** Drops everything `setUp` created. */
  tearDown(db: Database): void;
  apply(event: RecordedEvent, db: Database): void;
  /** Called after each committed batch, e.g. to drop an in-memory cache. */
  afterCommit?(events: RecordedEvent[]): void;
}
