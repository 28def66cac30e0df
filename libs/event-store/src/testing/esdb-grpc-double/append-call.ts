import { Metadata, status, type sendUnaryData, type ServerReadableStream } from '@grpc/grpc-js';
import type { AppendFaults } from './append-faults.js';
import { AppendSizeCounter, type AppendLimits, type LimitExceeded } from './append-limits.js';
import type { AppendOutcome, CurrentStreamState, EventLog, ExpectedStreamState, ProposedEvent } from './event-log.js';
import { shared, streams, type AppendReq, type AppendResp } from './generated-protocol.js';
import { streamNameOf, uuidOf } from './wire-format.js';

const { ExpectedStreamRevisionCase } = streams.AppendReq.Options;

export class RequestError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly metadata = new Metadata(),
  ) {
    super(message);
  }
}

export interface AppendContext {
  log: EventLog;
  limits: AppendLimits;
  faults: AppendFaults;
}

/**
 * Streams.Append: the client streams the options, then one message per event; the server answers
 * once. A wrong expected version is a successful call whose response says so, as on the wire; a
 * size limit crossed is an INVALID_ARGUMENT error with the server's message and metadata.
 */
export function handleAppend({ log, limits, faults }: AppendContext) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    const requests: AppendReq[] = [];
    call.on('data', (request: AppendReq) => requests.push(request));
    call.on('end', () => {
      try {
        const [header, ...messages] = requests;
        const options = header?.getOptions();
        if (!options) throw new RequestError(status.INVALID_ARGUMENT, 'Append must start with its options');
        const streamId = streamNameOf(options.getStreamIdentifier());
        const counter = new AppendSizeCounter(limits);
        const events = messages.map((request) => {
          const event = proposedEventOf(request.getProposedMessage());
          const exceeded = counter.add(event);
          if (exceeded) throw limitError(exceeded);
          return event;
        });
        const outcome = log.append(streamId, events, expectedStateOf(options));
        const fault = outcome.kind === 'success' ? faults.next() : undefined;
        if (fault === 'no-answer') return;
        if (fault === 'unavailable') {
          return callback({ code: status.UNAVAILABLE, details: 'Connection lost after the write (test double)' });
        }
        if (fault === 'timeout') {
          return callback({ code: status.ABORTED, details: 'Operation timed out: Commit phase timeout.' });
        }
        callback(null, appendResponse(outcome));
      } catch (error) {
        const known = error instanceof RequestError;
        callback(
          known
            ? { code: error.code, details: error.message, metadata: error.metadata }
            : { code: status.INTERNAL, details: String(error) },
        );
      }
    });
  };
}

/** RpcExceptions.MaxAppendSizeExceeded and MaxAppendEventSizeExceeded of the server. */
function limitError(exceeded: LimitExceeded): RequestError {
  const metadata = new Metadata();
  if (exceeded.kind === 'append') {
    metadata.set('exception', 'maximum-append-size-exceeded');
    metadata.set('maximum-append-size', String(exceeded.maxAppendSize));
    return new RequestError(
      status.INVALID_ARGUMENT,
      `Maximum Append Size of ${exceeded.maxAppendSize} Exceeded.`,
      metadata,
    );
  }
  metadata.set('exception', 'maximum-append-event-size-exceeded');
  metadata.set('maximum-append-event-size', String(exceeded.maxAppendEventSize));
  metadata.set('event-id', exceeded.eventId);
  metadata.set('proposed-append-event-size', String(exceeded.proposedEventSize));
  return new RequestError(
    status.INVALID_ARGUMENT,
    `Event with Id: ${exceeded.eventId}, Size: ${exceeded.proposedEventSize}, exceeds Maximum Append Event Size of ${exceeded.maxAppendEventSize}.`,
    metadata,
  );
}

function expectedStateOf(options: AppendReq.Options): ExpectedStreamState {
  switch (options.getExpectedStreamRevisionCase()) {
    case ExpectedStreamRevisionCase.REVISION:
      return BigInt(options.getRevision());
    case ExpectedStreamRevisionCase.NO_STREAM:
      return 'no_stream';
    case ExpectedStreamRevisionCase.STREAM_EXISTS:
      return 'stream_exists';
    default:
      return 'any';
  }
}

/** The fields Append's and BatchAppend's proposed messages share. */
export interface ProposedMessage {
  getId(): Parameters<typeof uuidOf>[0];
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export function proposedEventOf(message: ProposedMessage | undefined): ProposedEvent {
  const id = uuidOf(message?.getId());
  const type = message?.getMetadataMap().get('type');
  const contentType = message?.getMetadataMap().get('content-type');
  if (!message || !id) throw new RequestError(status.INVALID_ARGUMENT, 'An event needs a string id');
  for (const [property, value] of [
    ['type', type],
    ['content-type', contentType],
  ] as const) {
    if (value) continue;
    const metadata = new Metadata();
    metadata.set('exception', 'missing-required-metadata-property');
    metadata.set('required-metadata-properties', 'type,content-type');
    throw new RequestError(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, metadata);
  }
  return {
    id,
    type: type as string,
    contentType: contentType as string,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function appendResponse(outcome: AppendOutcome): AppendResp {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new streams.AppendResp.WrongExpectedVersion();
    setCurrent(outcome.current, {
      revision: (r) => wrong.setCurrentRevision(r),
      noStream: () => wrong.setCurrentNoStream(new shared.Empty()),
    });
    const expected = outcome.expected;
    if (expected === 'any') wrong.setExpectedAny(new shared.Empty());
    else if (expected === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
    else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
    else wrong.setExpectedRevision(expected.toString());
    return new streams.AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new streams.AppendResp.Success();
  setCurrent(outcome.current, {
    revision: (r) => success.setCurrentRevision(r),
    noStream: () => success.setNoStream(new shared.Empty()),
  });
  const position = outcome.position.toString();
  success.setPosition(new streams.AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  return new streams.AppendResp().setSuccess(success);
}

export function setCurrent(
  current: CurrentStreamState,
  set: { revision: (r: string) => void; noStream: () => void },
): void {
  if (current === 'no_stream') set.noStream();
  else set.revision(current.toString());
}
