import { describeFailure, type ProjectionFailure, type SkippedEventCounts } from './projection-failure.js';
import type { Member } from './projection-pass.js';

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

export function statusOf(member: Member): ProjectionStatus {
  return {
    name: member.projection.name,
    version: member.projection.version,
    position: member.position,
    state: member.failure ? 'failed' : member.state,
    caughtUp: member.caughtUp,
    error: member.failure && describeFailure(member.failure),
    failure: member.failure,
    skipped: member.skipped,
  };
}
