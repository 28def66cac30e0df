import type { ProposedEvent } from './event-log.js';

/** The server's append limits (ClusterVNodeOptions: MaxAppendSize, MaxAppendEventSize). */
export interface AppendLimits {
  /** Bytes per append, the sum of its events' sizes: 1 MiB unless the server is configured otherwise. */
  maxAppendSize: number;
  /** Bytes per event: unlimited (int.MaxValue) unless the server is configured otherwise. */
  maxAppendEventSize: number;
}

export const SERVER_DEFAULT_LIMITS: AppendLimits = { maxAppendSize: 1024 * 1024, maxAppendEventSize: 2 ** 31 - 1 };

export type LimitExceeded =
  | { kind: 'append'; maxAppendSize: number }
  | { kind: 'event'; eventId: string; proposedEventSize: number; maxAppendEventSize: number };

/** What the server counts for an event (Event.SizeOnDisk): data, metadata and the type as UTF-16. */
export function eventSizeOnDisk(event: Pick<ProposedEvent, 'type' | 'data' | 'customMetadata'>): number {
  return event.data.length + event.customMetadata.length + event.type.length * 2;
}

/** Adds up an append's events in the order the server reads them and says which limit one crosses first. */
export class AppendSizeCounter {
  private size = 0;

  constructor(private readonly limits: AppendLimits) {}

  add(event: ProposedEvent): LimitExceeded | undefined {
    const eventSize = eventSizeOnDisk(event);
    if (eventSize > this.limits.maxAppendEventSize) {
      return {
        kind: 'event',
        eventId: event.id,
        proposedEventSize: eventSize,
        maxAppendEventSize: this.limits.maxAppendEventSize,
      };
    }
    this.size += eventSize;
    if (this.size > this.limits.maxAppendSize) return { kind: 'append', maxAppendSize: this.limits.maxAppendSize };
    return undefined;
  }
}
