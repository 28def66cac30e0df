import type { ProjectionFailure, SkippedEventCounts } from './projection-failure.js';

export interface ProjectionStatus {
  name: string;
  version: number;
  position: bigint | 'start';
  state: 'starting' | 'running' | 'failed' | 'stopped';
  /** Has applied every event the store held when this process started. */
  caughtUp: boolean;
  error?: string;
  /** Set while the projection does not advance: the event it fails on, when one is to blame. */
  failure?: ProjectionFailure;
  skipped: SkippedEventCounts;
}

export interface ProjectionsReadiness {
  ready: boolean;
  catchingUp: string[];
  stuck: Array<{ name: string; failure: ProjectionFailure }>;
}
