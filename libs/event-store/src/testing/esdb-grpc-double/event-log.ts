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
  | { kind: 'success'; current: CurrentStreamState; position: bigint | undefined }
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
    const retried = this.findRetriedAppend(stream, proposed, expected);
    if (retried) return retried;
    if (!matches(expected, current)) return { kind: 'wrong_expected_version', current, expected };
    if (proposed.length === 0) return { kind: 'success', current, position: undefined };

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
    }
    this.streams.set(streamId, stream);
    this.appended.emit('appended');
    return { kind: 'success', current: revision, position: stream[stream.length - 1].position };
  }

  /**
   * EventStoreDB treats a write whose event ids are already stored, in order, right after the
   * expected revision as an idempotent success, answered like the original write.
   */
  private findRetriedAppend(
    stream: StoredEvent[],
    proposed: ProposedEvent[],
    expected: ExpectedStreamState,
  ): AppendOutcome | undefined {
    if (proposed.length === 0) return undefined;
    const first = stream.findIndex((event) => event.id === proposed[0].id);
    if (first < 0) return undefined;
    const stored = stream.slice(first, first + proposed.length);
    const sameEvents = stored.length === proposed.length && stored.every((event, i) => event.id === proposed[i].id);
    const before: CurrentStreamState = first === 0 ? 'no_stream' : BigInt(first - 1);
    if (!sameEvents || !matches(expected, before)) return undefined;
    const last = stored[stored.length - 1];
    return { kind: 'success', current: last.revision, position: last.position };
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

function matches(expected: ExpectedStreamState, current: CurrentStreamState): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}
