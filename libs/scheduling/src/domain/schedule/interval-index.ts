interface Timed {
  startMs: number;
  endMs: number;
}

/**
 * Timed items ([startMs, endMs)) found by overlap without looking at the ones that ended before:
 * sorted by start, with the latest end so far beside each, so a query skips every item that
 * ended before it by a binary search and stops at the first one starting after it. A rotation's
 * years of past overrides then cost nothing to a question about now. Answers keep the items'
 * own order (the order they were recorded in, which decides which override wins).
 */
export class IntervalIndex<T extends Timed> {
  private readonly byStart: Array<{ item: T; order: number }>;
  private readonly latestEnd: number[];

  constructor(items: readonly T[]) {
    this.byStart = items.map((item, order) => ({ item, order })).sort((a, b) => a.item.startMs - b.item.startMs);
    let latest = -Infinity;
    this.latestEnd = this.byStart.map(({ item }) => (latest = Math.max(latest, item.endMs)));
  }

  get size(): number {
    return this.byStart.length;
  }

  /** Items with start < to and end > from, in their own order. */
  overlapping(from: number, to: number): T[] {
    const first = firstIndex(this.latestEnd.length, (i) => this.latestEnd[i] > from);
    const end = firstIndex(this.byStart.length, (i) => this.byStart[i].item.startMs >= to);
    const found: Array<{ item: T; order: number }> = [];
    for (let i = first; i < end; i++) if (this.byStart[i].item.endMs > from) found.push(this.byStart[i]);
    return found.sort((a, b) => a.order - b.order).map(({ item }) => item);
  }
}

/** The first index in [0, length) where a monotonic predicate holds; length if none. */
function firstIndex(length: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
