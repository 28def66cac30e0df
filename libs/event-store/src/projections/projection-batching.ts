export const PROJECTION_BATCHING = Symbol('PROJECTION_BATCHING');

/** How the runner batches events (tests use small numbers). */
export interface ProjectionBatching {
  /**
   * Events handed to the projections at once while catching up: each commit rewrites the pages it
   * touched, so fewer, bigger ones cost less per event (live batches hold what was appended since).
   */
  maxBatchSize: number;
  /** While catching up, batches share one commit until they hold this many events (CatchUpCommits); 0: one commit per batch. */
  eventsPerCatchUpCommit: number;
  /** A transaction left open while catching up is committed when no batch followed for this long. */
  idleCommitMs: number;
}

export const DEFAULT_PROJECTION_BATCHING: ProjectionBatching = {
  maxBatchSize: 20_000,
  eventsPerCatchUpCommit: 250_000,
  idleCommitMs: 100,
};
