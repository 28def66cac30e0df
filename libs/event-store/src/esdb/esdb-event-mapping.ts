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
import type { ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port.js';
import { foreignEventReason, type SkippedEvent } from '../foreign-events.js';

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

export type ClientEventOutcome = { kind: 'event'; event: RecordedEvent } | { kind: 'skipped'; skipped: SkippedEvent };

/**
 * The service's event, or why this one is not (not JSON, no or foreign metadata, an unknown
 * type, a `$` stream or type). The client hands malformed JSON over as a string and metadata
 * that is not JSON as bytes; both are skipped here.
 */
export function classifyClientEvent(event: ClientRecordedEvent): ClientEventOutcome {
  const position = event.position?.commit ?? -1n;
  const metadata = event.metadata instanceof Uint8Array ? {} : event.metadata;
  const reason = foreignEventReason({
    streamId: event.streamId,
    type: event.type,
    isJson: event.isJson,
    data: event.data,
    metadata: event.metadata === undefined ? undefined : metadata,
  });
  if (reason || !event.position) {
    return {
      kind: 'skipped',
      skipped: { id: event.id, streamId: event.streamId, type: event.type, position, reason: reason ?? 'not-json' },
    };
  }
  return {
    kind: 'event',
    event: {
      id: event.id,
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: event.metadata as unknown as RecordedEvent['metadata'],
      streamId: event.streamId,
      revision: event.revision,
      position: event.position.commit,
    },
  };
}

/** The service's event, or undefined for an event someone else wrote. */
export function fromClientEvent(event: ClientRecordedEvent): RecordedEvent | undefined {
  const outcome = classifyClientEvent(event);
  return outcome.kind === 'event' ? outcome.event : undefined;
}
