import { Inject, Injectable } from '@nestjs/common';
import { cachedStatement, READ_MODEL_DATABASE, ReadModelDatabase } from './read-model-database.js';

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

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  actor: string;
  correlation_id: string;
  occurred_at: string;
  data: string;
}

@Injectable()
export class EventHistoryQuery {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase) {}

  /** The events of one stream, oldest first. */
  forStream(streamId: string, limit = 500): HistoryEntry[] {
    return cachedStatement<[string, number], Row>(
      this.readModels.db,
      'SELECT * FROM event_history WHERE stream_id = ? ORDER BY revision LIMIT ?',
    )
      .all(streamId, limit)
      .map(toEntry);
  }

  /** Every event of one stream recorded at or before an instant, oldest first: the stream as it stood then. */
  forStreamAsOf(streamId: string, at: Date): HistoryEntry[] {
    return cachedStatement<[string, string], Row>(
      this.readModels.db,
      'SELECT * FROM event_history WHERE stream_id = ? AND occurred_at <= ? ORDER BY revision',
    )
      .all(streamId, at.toISOString())
      .map(toEntry);
  }
}

function toEntry(row: Row): HistoryEntry {
  return {
    position: BigInt(row.position),
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    actor: row.actor,
    correlationId: row.correlation_id,
    occurredAt: row.occurred_at,
    data: JSON.parse(row.data),
  };
}
