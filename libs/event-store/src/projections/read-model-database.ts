import BetterSqlite3, { type Database } from 'better-sqlite3';

const MMAP_BYTES = 256 * 1024 * 1024;
/** Negative: KiB (SQLite's convention). */
const LIVE_CACHE_KIB = -65_536;
const BULK_CACHE_KIB = -262_144;
const LIVE_CHECKPOINT_PAGES = 1_000;
const BULK_CHECKPOINT_PAGES = 16_384;

/** Which store a checkpoint's position belongs to: the service's first event in it. */
export interface StoreIdentity {
  eventId: string;
  position: bigint;
}

export interface Checkpoint {
  version: number;
  position: bigint | 'start';
  /** Null while nothing was applied (or for checkpoints written before identities were kept). */
  store: StoreIdentity | null;
}

interface CheckpointRow {
  version: number;
  position: number | null;
  store_event_id: string | null;
  store_position: number | null;
}

/**
 * The process's own read models: one SQLite database (a file, or ':memory:'), holding every
 * projection's tables and its checkpoint, so both change in one transaction.
 */
export class ReadModelDatabase {
  readonly db: Database;
  private bulk = false;
  /** Events applied in the transaction left open while catching up (see `applyLeavingOpen`); 0 when none is open. */
  private openEvents = 0;

  constructor(private readonly path: string) {
    this.db = new BetterSqlite3(path);
    if (path !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    }
    this.db.pragma(`cache_size = ${LIVE_CACHE_KIB}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        name     TEXT PRIMARY KEY,
        version  INTEGER NOT NULL,
        position INTEGER
      ) WITHOUT ROWID;
    `);
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(projection_checkpoints)').all();
    if (!columns.some((column) => column.name === 'store_event_id')) {
      this.db.exec(`
        ALTER TABLE projection_checkpoints ADD COLUMN store_event_id TEXT;
        ALTER TABLE projection_checkpoints ADD COLUMN store_position INTEGER;
      `);
    }
  }

  checkpoint(name: string): Checkpoint | undefined {
    const row = cachedStatement<[string], CheckpointRow>(
      this.db,
      'SELECT version, position, store_event_id, store_position FROM projection_checkpoints WHERE name = ?',
    ).get(name);
    if (!row) return undefined;
    return {
      version: row.version,
      position: row.position == null ? 'start' : BigInt(row.position),
      store:
        row.store_event_id == null || row.store_position == null
          ? null
          : { eventId: row.store_event_id, position: BigInt(row.store_position) },
    };
  }

  saveCheckpoint(name: string, checkpoint: Checkpoint): void {
    cachedStatement(
      this.db,
      `INSERT INTO projection_checkpoints (name, version, position, store_event_id, store_position) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
         store_event_id = excluded.store_event_id, store_position = excluded.store_position`,
    ).run(
      name,
      checkpoint.version,
      checkpoint.position === 'start' ? null : checkpoint.position,
      checkpoint.store?.eventId ?? null,
      checkpoint.store?.position ?? null,
    );
  }

  /**
   * Runs `apply` in the transaction left open by the previous call (or a new one) and leaves it
   * open: while the projections catch up, several batches share one commit, as each commit writes
   * every page its batch touched (random keys touch most of a large read model). Returns how many
   * events the open transaction now holds. When `apply` throws, everything since the last commit is
   * rolled back and the error thrown.
   */
  applyLeavingOpen(events: number, apply: () => void): number {
    if (this.openEvents === 0) this.db.exec('BEGIN');
    this.openEvents += events;
    try {
      apply();
    } catch (error) {
      this.rollbackOpen();
      throw error;
    }
    return this.openEvents;
  }

  /** Commits the transaction `applyLeavingOpen` left open, if any; when the commit fails, it is rolled back and the error thrown. */
  commitOpen(): void {
    if (this.openEvents === 0) return;
    try {
      this.db.exec('COMMIT');
      this.openEvents = 0;
    } catch (error) {
      this.rollbackOpen();
      throw error;
    }
  }

  get hasOpenTransaction(): boolean {
    return this.openEvents > 0;
  }

  private rollbackOpen(): void {
    this.openEvents = 0;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /**
   * While the projections catch up (big batches, one writer), the WAL is folded into the file only
   * every ~64 MB instead of every 4 MB (each checkpoint writes the pages again and syncs the file)
   * and the page cache is larger. Commits stay as durable as live ones (WAL, synchronous NORMAL).
   * Leaving it folds the WAL back in and truncates it.
   */
  catchingUp(on: boolean): void {
    if (on === this.bulk || !this.db.open) return;
    this.bulk = on;
    this.db.pragma(`cache_size = ${on ? BULK_CACHE_KIB : LIVE_CACHE_KIB}`);
    if (this.path === ':memory:') return;
    this.db.pragma(`wal_autocheckpoint = ${on ? BULK_CHECKPOINT_PAGES : LIVE_CHECKPOINT_PAGES}`);
    if (!on) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.commitOpen();
    } finally {
      this.db.close();
    }
  }
}

/** Why a checkpoint does not belong to the store as it is (its first event differs); undefined when it does. */
export function replacedStore(
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

export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');

const statements = new WeakMap<Database, Map<string, BetterSqlite3.Statement>>();

/** better-sqlite3 does not cache prepared statements; projections call this on every event. */
export function cachedStatement<Params extends unknown[] = unknown[], Row = unknown>(
  db: Database,
  sql: string,
): BetterSqlite3.Statement<Params, Row> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement as BetterSqlite3.Statement<Params, Row>;
}

/** The JSON document a `SELECT doc … WHERE …` finds, parsed; null when there is none. */
export function readDoc<T>(db: Database, sql: string, ...params: unknown[]): T | null {
  const row = cachedStatement<unknown[], { doc: string }>(db, sql).get(...params);
  return row ? (JSON.parse(row.doc) as T) : null;
}
