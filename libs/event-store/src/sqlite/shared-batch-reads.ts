type ReadAll<T> = (fromPosition: bigint | 'start', maxCount: number) => T[];

/**
 * Every live subscription wakes after each commit and asks for the same events after the same
 * position. Within one turn of the event loop the first one reads and parses them and the others
 * get the same events, frozen, so no subscriber can change what another one sees. The batch is
 * dropped on every commit of this process and at the next turn (for writers in other processes),
 * so a subscriber never misses an event: what it gets is always every event after its position,
 * in order, up to some point.
 */
export class SharedBatchReads<T> {
  private last?: { from: bigint | 'start'; maxCount: number; events: readonly T[] };

  constructor(private readonly readAll: ReadAll<T>) {}

  read(fromPosition: bigint | 'start', maxCount: number): T[] {
    const last = this.last;
    if (last && last.from === fromPosition && last.maxCount === maxCount) return [...last.events];
    const events = this.readAll(fromPosition, maxCount).map(deepFreeze);
    this.last = { from: fromPosition, maxCount, events };
    setImmediate(() => {
      if (this.last?.events === events) this.last = undefined;
    });
    return [...events];
  }

  /** Called on every commit: batches read before it may end before its events. */
  clear(): void {
    this.last = undefined;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
