import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { AllSubscription } from './all-subscription.js';
import { failCall, writeMessage } from './call-writer.js';
import { eventFilterOf, subscriptionFilterOf } from './event-filter.js';
import type { Direction, EventLog, LogPoint, ReadQuery } from './event-log.js';
import { streams, type ReadReq, type ReadResp } from './generated-protocol.js';
import { eventResponse, streamNameOf, streamNotFoundResponse } from './wire-format.js';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

const { ReadDirection, StreamOptions, AllOptions } = streams.ReadReq.Options;

/**
 * Streams.Read: a count-limited read of one stream or of $all, or a subscription to $all.
 * Subscriptions to a single stream are not implemented (the adapter does not use them).
 */
export function handleRead(log: EventLog, subscriptions: Set<AllSubscription>) {
  return (call: ReadCall): void => {
    const options = call.request.getOptions();
    if (!options) return failCall(call, status.INVALID_ARGUMENT, 'Read without options');
    const direction: Direction = options.getReadDirection() === ReadDirection.BACKWARDS ? 'backwards' : 'forwards';

    if (options.hasSubscription()) {
      const all = options.getAll();
      if (!all) return failCall(call, status.UNIMPLEMENTED, 'The double only supports subscriptions to $all');
      const subscription = new AllSubscription(call, log, allPointOf(all), subscriptionFilterOf(options), (s) =>
        subscriptions.delete(s),
      );
      subscriptions.add(subscription);
      subscription.run().catch((error: unknown) => failCall(call, status.INTERNAL, String(error)));
      return;
    }

    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const stream = options.getStream();
    const all = options.getAll();
    if (stream) {
      const streamId = streamNameOf(stream.getStreamIdentifier());
      const events = log.readStream(streamId, { direction, from: streamPointOf(stream), count });
      void respond(call, events ? events.map(eventResponse) : [streamNotFoundResponse(streamId)]);
    } else if (all) {
      const query: ReadQuery = { direction, from: allPointOf(all), count };
      void respond(call, log.readAll(query, eventFilterOf(options)).map(eventResponse));
    } else {
      failCall(call, status.INVALID_ARGUMENT, 'Read of neither a stream nor $all');
    }
  };
}

async function respond(call: ReadCall, messages: ReadResp[]): Promise<void> {
  try {
    for (const message of messages) {
      if (call.cancelled) return;
      await writeMessage(call, message);
    }
    call.end();
  } catch (error) {
    failCall(call, status.INTERNAL, String(error));
  }
}

function streamPointOf(options: ReadReq.Options.StreamOptions): LogPoint {
  switch (options.getRevisionOptionCase()) {
    case StreamOptions.RevisionOptionCase.REVISION:
      return BigInt(options.getRevision());
    case StreamOptions.RevisionOptionCase.END:
      return 'end';
    default:
      return 'start';
  }
}

/** The double's commit and prepare positions are equal, so the commit position identifies an event. */
function allPointOf(options: ReadReq.Options.AllOptions): LogPoint {
  switch (options.getAllOptionCase()) {
    case AllOptions.AllOptionCase.POSITION:
      return BigInt(options.getPosition()?.getCommitPosition() ?? '0');
    case AllOptions.AllOptionCase.END:
      return 'end';
    default:
      return 'start';
  }
}
