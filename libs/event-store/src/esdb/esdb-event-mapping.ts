import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type Position,
  type RecordedEvent as ClientRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port.js';

export function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** Our positions are commit positions; outside explicit transactions the prepare position is equal. */
export function toClientPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

/** EventStoreDB's own events (statistics, stream metadata, projections' bookkeeping). */
export function isSystemEvent(event: { type: string }): boolean {
  return event.type.startsWith('$');
}

export function fromClientEvent(event: ClientRecordedEvent): RecordedEvent {
  if (!event.isJson || !isJsonObject(event.data) || !isJsonObject(event.metadata) || !event.position) {
    throw new Error(`Event ${event.id} in stream ${event.streamId} is not a JSON event written by this application`);
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.commit,
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
