import type { EventMetadata, RecordedEvent } from '../event-store.port.js';
import { foreignEventReason, parseJsonOrUndefined, type SkippedEvent } from '../foreign-events.js';

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

/** The same columns as EventRow, as an array: the hot path of catch-up reads skips the row objects. */
export type RawEventRow = [number, string, number, string, string, string, string];

/** A row of the events table: the service's event, or one someone else wrote (skipped). */
export type StoredRow = RecordedEvent | { skipped: SkippedEvent };

function classify(
  position: number,
  streamId: string,
  revision: number,
  id: string,
  type: string,
  data: string,
  metadata: string,
): StoredRow {
  const parsedData = parseJsonOrUndefined(data);
  const parsedMetadata = parseJsonOrUndefined(metadata);
  const reason = foreignEventReason({ streamId, type, isJson: true, data: parsedData, metadata: parsedMetadata });
  if (reason) return { skipped: { id, streamId, type, position: BigInt(position), reason } };
  return {
    id,
    type,
    data: parsedData as Record<string, unknown>,
    metadata: parsedMetadata as EventMetadata,
    streamId,
    revision: BigInt(revision),
    position: BigInt(position),
  };
}

export function fromRow(row: EventRow): StoredRow {
  return classify(row.position, row.stream_id, row.revision, row.event_id, row.type, row.data, row.metadata);
}

export function fromRaw([position, streamId, revision, id, type, data, metadata]: RawEventRow): StoredRow {
  return classify(position, streamId, revision, id, type, data, metadata);
}

export function isSkippedRow(row: StoredRow): row is { skipped: SkippedEvent } {
  return 'skipped' in row;
}

export function serviceEvents(rows: StoredRow[]): RecordedEvent[] {
  return rows.filter((row): row is RecordedEvent => !isSkippedRow(row));
}

export function positionOf(row: StoredRow): bigint {
  return isSkippedRow(row) ? row.skipped.position : row.position;
}
