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
  /** Runs in the same transaction after a batch's last `apply`: for projections that buffer writes per batch. */
  flush?(db: Database): void;
  /** Called after each committed batch (with no events after a rebuild reset), e.g. to refresh a cache. */
  afterCommit?(events: RecordedEvent[]): void;
  /** Called when a batch was rolled back: drop whatever `apply` buffered. */
  afterRollback?(): void;
}
