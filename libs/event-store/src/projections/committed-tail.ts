import type { Logger } from '@nestjs/common';
import type { RecordedEvent } from '../event-store.port.js';
import { eventsAfter } from './projection-pass.js';

/** Receives the events of a committed batch (only those after the store's head at start, each once, in order). */
export type CommittedBatchListener = (events: readonly RecordedEvent[]) => void;

/**
 * The live tail the runner's passes feed: each batch they commit, less what was in the store at
 * start or was handed on already (a pass catching up again, a rebuild), goes to the listeners.
 */
export class CommittedTail {
  private readonly listeners = new Set<CommittedBatchListener>();
  /** The last event handed on; undefined until the head at start is known. */
  private last?: bigint | 'start';

  constructor(private readonly logger: Logger) {}

  startAfter(head: bigint | 'start'): void {
    this.last ??= head;
  }

  listen(listener: CommittedBatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hand(events: RecordedEvent[]): void {
    if (this.last === undefined || events.length === 0) return;
    const fresh = eventsAfter(events, this.last);
    if (fresh.length === 0) return;
    this.last = fresh[fresh.length - 1].position;
    for (const listener of this.listeners) {
      try {
        listener(fresh);
      } catch (error) {
        this.logger.error(`A committed-events listener failed: ${(error as Error).message}`);
      }
    }
  }
}
