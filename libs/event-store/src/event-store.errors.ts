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
