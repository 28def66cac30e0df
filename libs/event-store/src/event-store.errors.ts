import type { ExpectedRevision } from './event-store.port.js';

export type ActualRevision = bigint | 'no_stream';

function show(revision: ExpectedRevision | ActualRevision): string {
  return typeof revision === 'bigint' ? revision.toString() : revision;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream ${streamId}: expected revision ${show(expected)}, actual ${show(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class EventStoreUnavailableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EventStoreUnavailableError';
  }
}

/**
 * An append whose outcome is unknown: the store may have written it (a deadline passed, the
 * connection dropped, the server timed out committing). Appending the same events with the same
 * ids and expected revision again is safe: if they were stored, the store answers as it did then.
 */
export class AppendOutcomeUnknownError extends EventStoreUnavailableError {
  constructor(
    readonly streamId: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Stream ${streamId}: the append may or may not have been stored (${reason})`, cause);
    this.name = 'AppendOutcomeUnknownError';
  }
}
