import { once } from 'node:events';
import { status, type ServerWritableStream } from '@grpc/grpc-js';

/** Writes one message, waiting for 'drain' when the call's buffer is full (until aborted). */
export async function writeMessage<Request, Response>(
  call: ServerWritableStream<Request, Response>,
  message: Response,
  signal?: AbortSignal,
): Promise<void> {
  if (!call.write(message)) await once(call, 'drain', { signal });
}

/** Ends a server-streaming call with an error status, the way grpc-js expects it to be done. */
export function failCall<Request, Response>(
  call: ServerWritableStream<Request, Response>,
  code: status,
  details: string,
): void {
  call.emit('error', { code, details });
}
