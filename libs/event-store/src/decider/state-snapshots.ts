import type { RecordedEvent } from '../event-store.port.js';

/** A stream's state as of one of the service's events in it, and the decider it was folded with. */
export interface StateSnapshot {
  decider: object;
  state: unknown;
  /** The service's last event folded into `state`: a later read starts at it to check it is still there. */
  eventId: string;
  eventRevision: bigint;
}

/** How many streams' states one process keeps at most (the least recently used ones go first). */
export const MAX_KEPT_STATES = 500;

/**
 * The states the command runner keeps between commands, for deciders that allow it
 * (`keepsState`). Nothing here is trusted: a snapshot is used only when the stream still holds
 * its event at its revision, and the events after it are folded on top, so the state a decider
 * sees is always the fold of the whole stream.
 */
export class StateSnapshots {
  private readonly kept = new Map<string, StateSnapshot>();

  constructor(private readonly capacity = MAX_KEPT_STATES) {}

  get(streamId: string, decider: object): StateSnapshot | undefined {
    const snapshot = this.kept.get(streamId);
    if (!snapshot) return undefined;
    this.kept.delete(streamId);
    if (snapshot.decider !== decider) return undefined;
    this.kept.set(streamId, snapshot);
    return snapshot;
  }

  /** Keeps the state as of `last`, the service's last event folded into it. */
  keep(streamId: string, decider: object, state: unknown, last: Pick<RecordedEvent, 'id' | 'revision'>): void {
    this.kept.delete(streamId);
    this.kept.set(streamId, { decider, state, eventId: last.id, eventRevision: last.revision });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }

  forget(streamId: string): void {
    this.kept.delete(streamId);
  }

  get size(): number {
    return this.kept.size;
  }
}
