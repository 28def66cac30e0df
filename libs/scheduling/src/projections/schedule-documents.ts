import type { BatchChanges, ListSpec, ListSpecs } from './schedule-cache-changes.js';

/** Where the cached documents come from: the read model's tables. */
export interface DocumentSource<Core, Lists> {
  cores(): Array<[string, Core]>;
  core(id: string): Core | null;
  /** Every owner's items relevant at or after `since` (their `relevant_until` >= it), in event order. */
  recentLists(since: number): Map<string, Partial<Lists>>;
  /** One owner's items, all of them or those relevant at or after `since`, in event order. */
  lists(id: string, since?: number): Lists;
}

interface Entry<Core, Lists> {
  core: Core;
  recent: Core & Lists;
  full?: Core & Lists;
}

/**
 * The in-memory copies of one kind of schedule document (responders or rotations). Each document
 * is kept whole in its core, but of its lists (overrides, swaps, slots, unavailable spans) only
 * the items still relevant at the horizon (`keepMs` before the copies were loaded): a restart reads
 * the recent part of the schedule, not all of its history. The documents handed out read their
 * complete lists from the tables on first use; `recentOf` gives the copy with recent lists only,
 * which answers exactly for any computation that looks no further back than the horizon.
 */
export class ScheduleDocuments<Core extends object, Lists extends Record<string, unknown[]>> {
  private entries?: Map<string, Entry<Core, Lists>>;
  private docs = new Map<string, Core & Lists>();
  private readonly recentByDoc = new WeakMap<object, Core & Lists>();
  private horizonMs = -Infinity;

  constructor(
    private readonly source: DocumentSource<Core, Lists>,
    private readonly specs: ListSpecs<Lists>,
    private readonly keepMs: number,
    private readonly now: () => number,
  ) {}

  get(id: string): (Core & Lists) | undefined {
    this.loaded();
    return this.docs.get(id);
  }

  all(): Array<Core & Lists> {
    this.loaded();
    return [...this.docs.values()];
  }

  /** The copy of a document this cache handed out, with only the items relevant from the horizon on. */
  recentOf(doc: Core & Lists): (Core & Lists) | undefined {
    this.loaded();
    return this.recentByDoc.get(doc);
  }

  recent(id: string): (Core & Lists) | undefined {
    const doc = this.get(id);
    return doc && this.recentByDoc.get(doc);
  }

  /** Items relevant only before this instant are left out of the recent copies. */
  horizon(): number {
    this.loaded();
    return this.horizonMs;
  }

  /** Brings loaded copies up to what a committed batch changed (a copy not loaded yet is read when first asked for). */
  apply(changes: BatchChanges<Core, Lists>): void {
    if (!this.entries) return;
    const keep = (item: unknown, spec: ListSpec<unknown>) => spec.relevantUntil(item) >= this.horizonMs;
    for (const [id, change] of changes.entries()) {
      const current = this.entries.get(id);
      if (!current) {
        const core = this.source.core(id);
        if (core) this.set(id, core, this.source.lists(id, this.horizonMs));
        continue;
      }
      const core = change.nextCore(current.core);
      const full = current.full && change.nextLists(current.full, this.specs);
      this.set(id, core, change.nextLists(current.recent, this.specs, keep), full);
    }
  }

  /** Drops the copies (a rebuild starts): the next question reads them again. */
  reset(): void {
    this.entries = undefined;
    this.docs = new Map();
  }

  private loaded(): void {
    if (this.entries) return;
    this.entries = new Map();
    this.docs = new Map();
    this.horizonMs = this.now() - this.keepMs;
    const recent = this.source.recentLists(this.horizonMs);
    for (const [id, core] of this.source.cores()) this.set(id, core, this.complete(recent.get(id) ?? {}));
  }

  private complete(lists: Partial<Lists>): Lists {
    const all = {} as Lists;
    for (const list of Object.keys(this.specs) as Array<keyof Lists>) {
      all[list] = lists[list] ?? ([] as unknown as Lists[typeof list]);
    }
    return all;
  }

  private set(id: string, core: Core, recentLists: Lists, fullLists?: Lists): void {
    const entry: Entry<Core, Lists> = {
      core,
      recent: { ...core, ...recentLists },
      full: fullLists && { ...core, ...fullLists },
    };
    const doc = { ...core } as Core & Lists;
    for (const list of Object.keys(this.specs)) {
      Object.defineProperty(doc, list, {
        enumerable: true,
        configurable: true,
        get: () => (entry.full ??= { ...core, ...this.source.lists(id) })[list as keyof Lists],
      });
    }
    this.entries!.set(id, entry);
    this.docs.set(id, doc);
    this.recentByDoc.set(doc, entry.recent);
  }
}
