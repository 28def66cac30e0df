import { Metadata, status, type sendUnaryData, type ServerReadableStream } from '@grpc/grpc-js';
import type { AppendOutcome, CurrentStreamState, EventLog, ExpectedStreamState, ProposedEvent } from './event-log.js';
import { shared, streams, type AppendReq, type AppendResp } from './generated-protocol.js';
import { streamNameOf, uuidOf } from './wire-format.js';

const { ExpectedStreamRevisionCase } = streams.AppendReq.Options;

class RequestError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly metadata = new Metadata(),
  ) {
    super(message);
  }
}

/**
 * Streams.Append: the client streams the options, then one message per event; the server answers
 * once. A wrong expected version is a successful call whose response says so, as on the wire.
 */
export function handleAppend(log: EventLog) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    const requests: AppendReq[] = [];
    call.on('data', (request: AppendReq) => requests.push(request));
    call.on('end', () => {
      try {
        const [header, ...messages] = requests;
        const options = header?.getOptions();
        if (!options) throw new RequestError(status.INVALID_ARGUMENT, 'Append must start with its options');
        const streamId = streamNameOf(options.getStreamIdentifier());
        const events = messages.map((request) => proposedEventOf(request.getProposedMessage()));
        callback(null, appendResponse(log.append(streamId, events, expectedStateOf(options))));
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

function proposedEventOf(message: AppendReq.ProposedMessage | undefined): ProposedEvent {
  const id = uuidOf(message?.getId());
  const type = message?.getMetadataMap().get('type');
  const contentType = message?.getMetadataMap().get('content-type');
  if (!message || !id) throw new RequestError(status.INVALID_ARGUMENT, 'An event needs a string id');
  if (!type || !contentType) {
    const metadata = new Metadata();
    metadata.set('exception', 'missing-required-metadata-property');
    metadata.set('required-metadata-properties', 'type,content-type');
    throw new RequestError(status.INVALID_ARGUMENT, 'Missing required metadata property', metadata);
  }
  return { id, type, contentType, data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() };
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
  if (outcome.position === undefined) success.setNoPosition(new shared.Empty());
  else {
    const position = outcome.position.toString();
    success.setPosition(new streams.AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  }
  return new streams.AppendResp().setSuccess(success);
}

function setCurrent(current: CurrentStreamState, set: { revision: (r: string) => void; noStream: () => void }): void {
  if (current === 'no_stream') set.noStream();
  else set.revision(current.toString());
}
