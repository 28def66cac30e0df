export interface EventStoreModuleOptions {
  /** esdb://... ; when absent the embedded SQLite store is used. */
  connectionString?: string;
  /** The embedded store's file (or ':memory:'). */
  sqlitePath: string;
  /** This process's read-model database (a file, or ':memory:' to rebuild at every start). */
  readModelPath: string;
  /** How long a command waits for the projections to apply its events. */
  projectionWaitTimeoutMs?: number;
  /** How often due time-driven steps are looked for (0: only when a ManualClock moves). */
  dueTaskPollIntervalMs?: number;
  /** The largest append either store accepts, in bytes of data and metadata (512 KiB by default). */
  appendBudgetBytes?: number;
}

export const EVENT_STORE_OPTIONS = Symbol('EVENT_STORE_OPTIONS');
