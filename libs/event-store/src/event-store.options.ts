export interface EventStoreModuleOptions {
  /** esdb://... ; when absent the embedded SQLite store is used. */
  connectionString?: string;
  /** The embedded store's file (or ':memory:'). */
  sqlitePath: string;
  /** This process's read-model database (a file, or ':memory:' to rebuild at every start). */
  readModelPath: string;
  /** How long a command waits for the projections to apply its events. */
  projectionWaitTimeoutMs?: number;
}

export const EVENT_STORE_OPTIONS = Symbol('EVENT_STORE_OPTIONS');
