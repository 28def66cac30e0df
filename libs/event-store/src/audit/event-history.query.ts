import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, decodeCursor, encodeCursor, type Page, type PageArgs } from '@app/core';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store.port.js';

export interface HistoryEntry {
  position: bigint;
  streamId: string;
  revision: number;
  type: string;
  actor: string;
  correlationId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * How many reads of `first + 1` events one page may take when other clients' events (left out)
 * fill the stream: a page never reads more than this many times its size, and its cursor then
 * says how far it read, so the next page goes on from there.
 */
export const MAX_READS_PER_PAGE = 4;

/**
 * The history ("who did what, when") of one aggregate, read from its stream in the store: no read
 * model keeps a copy of the events. Reads are by revision, so a page costs its size whatever the
 * stream's length.
 */
@Injectable()
export class EventHistoryQuery {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * One page of a stream's events, oldest first. The cursor is the revision read up to;
   * `totalCount` is the stream's length from its revision (events other clients wrote included).
   */
  async page(streamId: string, { first, after }: Pick<PageArgs, 'first' | 'after'>): Promise<Page<HistoryEntry>> {
    const wanted = first + 1;
    let from = after === undefined ? 0 : revisionOf(after) + 1;
    const found: RecordedEvent[] = [];
    let revision: bigint | 'no_stream' = 'no_stream';
    let reads = 0;
    while (found.length < wanted && reads < MAX_READS_PER_PAGE) {
      reads += 1;
      const read = await this.store.readStreamWithRevision(streamId, { fromRevision: BigInt(from), maxCount: wanted });
      revision = read.revision;
      found.push(...read.events);
      const last = read.events[read.events.length - 1];
      from = last ? Number(last.revision) + 1 : from + wanted;
      if (revision === 'no_stream' || BigInt(from) > revision) break;
    }
    const length = revision === 'no_stream' ? 0 : Number(revision) + 1;
    const nodes = found.slice(0, first).map(toEntry);
    const more = found.length > first || (revision !== 'no_stream' && BigInt(from) <= revision);
    const readUpTo = found.length > first ? nodes[nodes.length - 1].revision : from - 1;
    return {
      nodes,
      totalCount: length,
      pageInfo: {
        hasNextPage: more,
        endCursor: nodes.length > 0 || more ? encodeCursor([readUpTo]) : undefined,
      },
    };
  }

  /** The first events of one stream, oldest first. */
  async forStream(streamId: string, limit = 500): Promise<HistoryEntry[]> {
    return (await this.store.readStream(streamId, { maxCount: limit })).map(toEntry);
  }

  /** Every event of one stream recorded at or before an instant, oldest first: the stream as it stood then. */
  async forStreamAsOf(streamId: string, at: Date): Promise<HistoryEntry[]> {
    const until = at.toISOString();
    return (await this.store.readStream(streamId)).filter((event) => event.metadata.occurredAt <= until).map(toEntry);
  }
}

function revisionOf(cursor: string): number {
  const [revision] = decodeCursor(cursor, 1);
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < -1) {
    throw new BadUserInputError('after', 'after must be the endCursor of a previous page');
  }
  return revision;
}

function toEntry(event: RecordedEvent): HistoryEntry {
  return {
    position: event.position,
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    occurredAt: event.metadata.occurredAt,
    data: event.data,
  };
}
