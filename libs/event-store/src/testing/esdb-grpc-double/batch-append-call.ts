import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import { BinaryWriter } from 'google-protobuf';
import type { AppendContext } from './append-call.js';
import { proposedEventOf, RequestError } from './append-call.js';
import { AppendSizeCounter, type LimitExceeded } from './append-limits.js';
import type { AppendOutcome, ExpectedStreamState, ProposedEvent } from './event-log.js';
import {
  Any,
  Code,
  GoogleEmpty,
  rpcStatus,
  shared,
  streams,
  type BatchAppendReq,
  type BatchAppendResp,
  type Status,
  type UUID,
} from './generated-protocol.js';
import { streamIdentifier, streamNameOf, uuidOf } from './wire-format.js';

type BatchAppendCall = ServerDuplexStream<BatchAppendReq, BatchAppendResp>;

const { ExpectedStreamPositionCase } = streams.BatchAppendReq.Options;

/** The server's WriteTimeoutMs default: a write still pending after it is answered Timeout. */
const WRITE_TIMEOUT_MS = 2000;

interface PendingWrite {
  correlationId: UUID;
  streamId: string;
  expected: ExpectedStreamState;
  events: ProposedEvent[];
  counter: AppendSizeCounter;
  timeoutMs: number;
}

/**
 * Streams.BatchAppend (what a 21.10+ client uses when ServerFeatures lists it): one long-lived
 * duplex call carrying many appends, each a run of requests sharing a correlation id (options
 * first, `is_final` on the last) and answered by one response with that id: success, or an error
 * status whose detail is packed the way the server packs it (Status.cs of v24.10).
 */
export function handleBatchAppend({ log, limits, faults }: AppendContext) {
  return (call: BatchAppendCall): void => {
    const pending = new Map<string, PendingWrite>();
    let unanswered = 0;
    let ended = false;
    const timers = new Set<NodeJS.Timeout>();

    const answer = (write: Pick<PendingWrite, 'correlationId' | 'streamId'>, result: Status | AppendOutcome) => {
      const response = new streams.BatchAppendResp()
        .setCorrelationId(write.correlationId)
        .setStreamIdentifier(streamIdentifier(write.streamId));
      if ('kind' in result && result.kind === 'success') response.setSuccess(successOf(result));
      else if ('kind' in result) response.setError(wrongExpectedVersion(result));
      else response.setError(result);
      if (!call.cancelled && call.writable) call.write(response);
    };
    const settled = () => {
      unanswered -= 1;
      if (ended && unanswered === 0) call.end();
    };
    const later = (ms: number, action: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, ms);
      timers.add(timer);
    };

    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = uuidOf(correlationId);
      if (!correlationId || !key) return;
      const options = request.getOptions();
      try {
        if (options) {
          const streamId = streamNameOf(options.getStreamIdentifier());
          const deadline = options.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
          const timeoutMs = Math.min(deadline - Date.now(), WRITE_TIMEOUT_MS);
          if (timeoutMs <= 0) return answer({ correlationId, streamId }, timeoutStatus());
          pending.set(key, {
            correlationId,
            streamId,
            expected: expectedStateOf(options),
            events: [],
            counter: new AppendSizeCounter(limits),
            timeoutMs,
          });
        }
        const write = pending.get(key);
        if (!write) return;
        for (const message of request.getProposedMessagesList()) {
          const event = proposedEventOf(message);
          const exceeded = write.counter.add(event);
          if (exceeded) {
            pending.delete(key);
            return answer(write, limitStatus(exceeded));
          }
          write.events.push(event);
        }
        if (!request.getIsFinal()) return;
        pending.delete(key);
        const outcome = log.append(write.streamId, write.events, write.expected);
        const fault = outcome.kind === 'success' ? faults.next() : undefined;
        if (fault === 'unavailable') {
          call.emit('error', { code: status.UNAVAILABLE, details: 'Connection lost after the write (test double)' });
          return;
        }
        if (fault === 'timeout') return answer(write, timeoutStatus());
        if (fault === 'no-answer') {
          unanswered += 1;
          later(write.timeoutMs, () => {
            answer(write, timeoutStatus());
            settled();
          });
          return;
        }
        answer(write, outcome);
      } catch (error) {
        pending.delete(key);
        const message = error instanceof RequestError ? error.message : String(error);
        answer({ correlationId, streamId: streamNameOf(options?.getStreamIdentifier()) }, badRequest(message));
      }
    });
    call.on('end', () => {
      ended = true;
      if (unanswered === 0) call.end();
    });
    call.on('cancelled', () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    });
  };
}

function expectedStateOf(options: BatchAppendReq.Options): ExpectedStreamState {
  switch (options.getExpectedStreamPositionCase()) {
    case ExpectedStreamPositionCase.STREAM_POSITION:
      return BigInt(options.getStreamPosition());
    case ExpectedStreamPositionCase.NO_STREAM:
      return 'no_stream';
    case ExpectedStreamPositionCase.STREAM_EXISTS:
      return 'stream_exists';
    default:
      return 'any';
  }
}

/** BatchAppendResp.Success.Completed: the last event's revision (or no stream) and the commit position. */
function successOf(outcome: Extract<AppendOutcome, { kind: 'success' }>): BatchAppendResp.Success {
  const success = new streams.BatchAppendResp.Success();
  if (outcome.current === 'no_stream') success.setNoStream(new GoogleEmpty());
  else success.setCurrentRevision(outcome.current.toString());
  const position = outcome.position.toString();
  return success.setPosition(new shared.AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
}

function statusWith(code: number, message: string, typeName: string, detail: Uint8Array): Status {
  const details = new Any();
  details.pack(detail, `event_store.client.${typeName}`);
  return new rpcStatus.Status().setCode(code).setMessage(message).setDetails(details);
}

function wrongExpectedVersion(outcome: Extract<AppendOutcome, { kind: 'wrong_expected_version' }>): Status {
  const detail = new shared.WrongExpectedVersion();
  if (outcome.current === 'no_stream') detail.setCurrentNoStream(new GoogleEmpty());
  else detail.setCurrentStreamRevision(outcome.current.toString());
  const expected = outcome.expected;
  if (expected === 'any') detail.setExpectedAny(new GoogleEmpty());
  else if (expected === 'no_stream') detail.setExpectedNoStream(new GoogleEmpty());
  else if (expected === 'stream_exists') detail.setExpectedStreamExists(new GoogleEmpty());
  else detail.setExpectedStreamPosition(expected.toString());
  return statusWith(Code.ALREADY_EXISTS, 'WrongExpectedVersion', 'WrongExpectedVersion', detail.serializeBinary());
}

function timeoutStatus(): Status {
  return statusWith(Code.DEADLINE_EXCEEDED, 'Timeout', 'Timeout', new shared.Timeout().serializeBinary());
}

function badRequest(message: string): Status {
  return statusWith(
    Code.INVALID_ARGUMENT,
    'BadRequest',
    'BadRequest',
    new shared.BadRequest().setMessage(message).serializeBinary(),
  );
}

function limitStatus(exceeded: LimitExceeded): Status {
  if (exceeded.kind === 'append') {
    const detail = new shared.MaximumAppendSizeExceeded().setMaxappendsize(exceeded.maxAppendSize);
    return statusWith(
      Code.INVALID_ARGUMENT,
      'MaximumAppendSizeExceeded',
      'MaximumAppendSizeExceeded',
      detail.serializeBinary(),
    );
  }
  // The 6.x client's protocol files predate this detail message: its three fields are written by hand.
  const writer = new BinaryWriter();
  writer.writeString(1, exceeded.eventId);
  writer.writeUint32(2, exceeded.proposedEventSize);
  writer.writeUint32(3, exceeded.maxAppendEventSize);
  return statusWith(
    Code.INVALID_ARGUMENT,
    'MaximumAppendEventSizeExceeded',
    'MaximumAppendEventSizeExceeded',
    writer.getResultBuffer(),
  );
}
