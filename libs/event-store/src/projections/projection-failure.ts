import type { RecordedEvent } from '../event-store.port.js';
import type { SkipReason, SkippedEvent } from '../foreign-events.js';

/** A projection's `apply` threw on this event: the batch before it is kept, the event is retried. */
export class ProjectionEventError extends Error {
  constructor(
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ProjectionEventError';
  }
}

/** Why a projection does not advance: the event it fails on (when one is to blame) and the error. */
export interface ProjectionFailure {
  eventId?: string;
  streamId?: string;
  type?: string;
  position?: bigint;
  error: string;
  /** How many attempts in a row failed like this. */
  attempts: number;
}

/** Events the service did not write that a projection's subscription passed over, since this process started. */
export class SkippedEventCounts {
  private readonly byReason = new Map<SkipReason, number>();
  total = 0;
  last?: SkippedEvent;

  add(event: SkippedEvent): void {
    this.total += 1;
    this.byReason.set(event.reason, (this.byReason.get(event.reason) ?? 0) + 1);
    this.last = event;
  }

  entries(): Array<{ reason: SkipReason; count: number }> {
    return [...this.byReason].map(([reason, count]) => ({ reason, count }));
  }
}

export function failureOf(error: Error, previous: ProjectionFailure | undefined): ProjectionFailure {
  const event = error instanceof ProjectionEventError ? error.event : undefined;
  const again = previous !== undefined && previous.eventId === event?.id && previous.error === error.message;
  return {
    eventId: event?.id,
    streamId: event?.streamId,
    type: event?.type,
    position: event?.position,
    error: error.message,
    attempts: again ? previous.attempts + 1 : 1,
  };
}

export function describeFailure(failure: ProjectionFailure): string {
  if (failure.eventId === undefined) return failure.error;
  return `event ${failure.eventId} (${failure.type} in ${failure.streamId} at ${failure.position}): ${failure.error}`;
}
