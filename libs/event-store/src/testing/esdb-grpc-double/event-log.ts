import { EventEmitter } from 'node:events';

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  streamId: string;
  revision: bigint;
  /** Commit and prepare position: they are equal outside explicit transactions. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB sends them. */
  createdTicks: bigint;
}

export type ExpectedStreamState = 'any' | 'no_stream' | 'stream_exists' | bigint;
export type CurrentStreamState = 'no_stream' | bigint;

export type AppendOutcome =
  | { kind: 'success'; current: CurrentStreamState; position: bigint }
  | { kind: 'wrong_expected_version'; current: CurrentStreamState; expected: ExpectedStreamState };

export type Direction = 'forwards' | 'backwards';
export type LogPoint = bigint | 'start' | 'end';

export interface ReadQuery {
  direction: Direction;
  from: LogPoint;
  count: number;
}

/** The first position, as if an epoch record came before it; positions then grow by record size. */
const FIRST_POSITION = 128n;
const RECORD_HEADER_BYTES = 96;

/**
 * The double's storage: one ordered log ($all) and an index of it per stream. Appends are
 * synchronous, so each one is atomic with respect to every other gRPC call.
 */
export class EventLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** The server keeps recent event ids in a cache for its idempotency check; here it keeps them all. */
  private readonly byId = new Map<string, StoredEvent>();
  private nextPosition = FIRST_POSITION;
  private readonly appended = new EventEmitter();

  constructor() {
    this.appended.setMaxListeners(0);
  }

  get length(): number {
    return this.all.length;
  }

  at(index: number): StoredEvent | undefined {
    return this.all[index];
  }

  append(streamId: string, proposed: ProposedEvent[], expected: ExpectedStreamState): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = currentState(stream);
    const decision = checkCommit(stream, current, proposed, expected, (id) => this.storedIn(streamId, id));
    if (decision.kind === 'wrong_expected_version') return { kind: 'wrong_expected_version', current, expected };
    if (decision.kind === 'idempotent') {
      return { kind: 'success', current: decision.last.revision, position: decision.last.position };
    }
    if (proposed.length === 0) return { kind: 'success', current, position: this.writeEmptyRecord() };

    let revision = current === 'no_stream' ? -1n : current;
    for (const event of proposed) {
      revision += 1n;
      const stored: StoredEvent = {
        ...event,
        streamId,
        revision,
        position: this.nextPosition,
        createdTicks: BigInt(Date.now()) * 10_000n,
      };
      this.nextPosition += BigInt(RECORD_HEADER_BYTES + event.data.length + event.customMetadata.length);
      stream.push(stored);
      this.all.push(stored);
      this.byId.set(stored.id, stored);
    }
    this.streams.set(streamId, stream);
    this.appended.emit('appended');
    return { kind: 'success', current: revision, position: stream[stream.length - 1].position };
  }

  private storedIn(streamId: string, id: string): StoredEvent | undefined {
    const stored = this.byId.get(id);
    return stored?.streamId === streamId ? stored : undefined;
  }

  /**
   * An empty write still puts a record (a prepare without an event) in the log, and its answer
   * carries that record's position, which no event in $all has.
   */
  private writeEmptyRecord(): bigint {
    const position = this.nextPosition;
    this.nextPosition += BigInt(RECORD_HEADER_BYTES);
    return position;
  }

  /** Undefined when the stream does not exist. */
  readStream(streamId: string, { direction, from, count }: ReadQuery): StoredEvent[] | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    if (direction === 'forwards') {
      const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
      return stream.slice(start, start + count);
    }
    const last = Math.min(from === 'end' ? stream.length - 1 : from === 'start' ? 0 : Number(from), stream.length - 1);
    return stream.slice(Math.max(0, last - count + 1), last + 1).reverse();
  }

  /** Forwards from a position is inclusive; backwards from a position is exclusive, as in EventStoreDB. */
  readAll({ direction, from, count }: ReadQuery, include: (event: StoredEvent) => boolean): StoredEvent[] {
    const events: StoredEvent[] = [];
    if (direction === 'forwards') {
      for (let i = this.firstIndexAtOrAfter(from); i < this.all.length && events.length < count; i++) {
        if (include(this.all[i])) events.push(this.all[i]);
      }
    } else {
      for (let i = this.firstIndexAtOrAfter(from) - 1; i >= 0 && events.length < count; i--) {
        if (include(this.all[i])) events.push(this.all[i]);
      }
    }
    return events;
  }

  /** The index of the first event a subscription from this (exclusive) point delivers. */
  firstIndexAfter(point: LogPoint): number {
    if (point === 'start') return 0;
    if (point === 'end') return this.all.length;
    const index = this.all.findIndex((event) => event.position > point);
    return index < 0 ? this.all.length : index;
  }

  private firstIndexAtOrAfter(point: LogPoint): number {
    if (point === 'start') return 0;
    if (point === 'end') return this.all.length;
    const index = this.all.findIndex((event) => event.position >= point);
    return index < 0 ? this.all.length : index;
  }

  onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    return () => this.appended.off('appended', listener);
  }
}

function currentState(stream: StoredEvent[]): CurrentStreamState {
  return stream.length === 0 ? 'no_stream' : stream[stream.length - 1].revision;
}

type CommitDecision = { kind: 'ok' } | { kind: 'idempotent'; last: StoredEvent } | { kind: 'wrong_expected_version' };

/**
 * The server's commit check (IndexWriter.CheckCommit, v24.10):
 * - `stream_exists` on a stream that does not exist is a wrong expected version;
 * - `any` and `stream_exists`: when the first event id is already in this stream, every id must be
 *   (the write is then idempotent, answered with the last of them); when it is not, the events are
 *   written as new ones;
 * - an exact revision (or `no_stream`, revision -1) behind the stream's: idempotent when the ids
 *   are the events right after that revision, a wrong expected version otherwise (also when only
 *   some of them are, or when nothing is proposed); ahead of the stream: a wrong expected version.
 */
function checkCommit(
  stream: StoredEvent[],
  current: CurrentStreamState,
  proposed: ProposedEvent[],
  expected: ExpectedStreamState,
  storedEvent: (id: string) => StoredEvent | undefined,
): CommitDecision {
  if (expected === 'stream_exists' && current === 'no_stream') return { kind: 'wrong_expected_version' };
  if (expected === 'any' || expected === 'stream_exists') {
    if (proposed.length === 0) return { kind: 'ok' };
    const found = proposed.map((event) => storedEvent(event.id));
    if (!found[0]) return { kind: 'ok' };
    const last = found[found.length - 1];
    return found.every(Boolean) && last ? { kind: 'idempotent', last } : { kind: 'wrong_expected_version' };
  }
  const expectedRevision = expected === 'no_stream' ? -1n : expected;
  const currentRevision = current === 'no_stream' ? -1n : current;
  if (expectedRevision === currentRevision) return { kind: 'ok' };
  if (expectedRevision > currentRevision || proposed.length === 0) return { kind: 'wrong_expected_version' };
  const after = stream.slice(Number(expectedRevision + 1n), Number(expectedRevision + 1n) + proposed.length);
  const same = after.length === proposed.length && after.every((stored, i) => stored.id === proposed[i].id);
  return same ? { kind: 'idempotent', last: after[after.length - 1] } : { kind: 'wrong_expected_version' };
}
