import type { StoredEvent } from './event-log.js';
import { shared, streams, type ReadResp, type StreamIdentifier, type UUID } from './generated-protocol.js';

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(streamId: string): StreamIdentifier {
  return new shared.StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamId, 'utf8')));
}

/** The Node client sends UUIDs in their string form; the structured form is not supported. */
export function uuidOf(uuid: UUID | undefined): string | undefined {
  return uuid?.hasString() ? uuid.getString() : undefined;
}

/** Events always carry string UUIDs, which is what the Node client asks for (`uuid_option`). */
export function eventResponse(event: StoredEvent): ReadResp {
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(new shared.UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString());
  const readEvent = new streams.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
  return new streams.ReadResp().setEvent(readEvent);
}

export function streamNotFoundResponse(streamId: string): ReadResp {
  const notFound = new streams.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId));
  return new streams.ReadResp().setStreamNotFound(notFound);
}
