/**
 * One change to a list an aggregate owns, in event order: an item added (the JSON written to its
 * row, parsed only when a cache takes it, so it equals what a reload reads) or removed by id.
 */
type ListChange = { add: string; id: string } | { remove: string };

/** How a cached list names its items, and the last instant an item can change an on-call answer. */
export interface ListSpec<T> {
  idOf(item: T): string;
  relevantUntil(item: T): number;
}

export type ListSpecs<Lists extends Record<string, unknown[]>> = { [K in keyof Lists]: ListSpec<Lists[K][number]> };

/** What one batch changed in one cached document: its core (the JSON written) and the lists it owns. */
export class DocumentChanges<Core, Lists extends Record<string, unknown[]>> {
  core?: string;
  private readonly lists = new Map<keyof Lists, ListChange[]>();

  added(list: keyof Lists, id: string, json: string): void {
    this.changesOf(list).push({ add: json, id });
  }

  removed(list: keyof Lists, id: string): void {
    this.changesOf(list).push({ remove: id });
  }

  /** The core after this batch: the JSON last written, or `current` when the batch left it. */
  nextCore(current: Core): Core {
    return this.core === undefined ? current : (JSON.parse(this.core) as Core);
  }

  /**
   * The lists after this batch: unchanged lists are shared with `current`, changed ones are new
   * arrays (a reader holding the old document keeps a consistent one). Each list costs one pass
   * over its items, however many changes the batch holds. Added items `keep` refuses are left out.
   */
  nextLists(
    current: Partial<Lists>,
    specs: ListSpecs<Lists>,
    keep?: (item: unknown, spec: ListSpec<unknown>) => boolean,
  ): Lists {
    const next = {} as Lists;
    for (const list of Object.keys(specs) as Array<keyof Lists>) {
      const items = current[list] ?? ([] as unknown as Lists[typeof list]);
      const changes = this.lists.get(list);
      const spec = specs[list] as ListSpec<unknown>;
      next[list] = (changes ? changed(items, changes, spec, keep) : items) as Lists[typeof list];
    }
    return next;
  }

  private changesOf(list: keyof Lists): ListChange[] {
    let changes = this.lists.get(list);
    if (!changes) this.lists.set(list, (changes = []));
    return changes;
  }
}

function changed<T>(
  items: readonly T[],
  changes: ListChange[],
  spec: ListSpec<T>,
  keep?: (item: T, spec: ListSpec<T>) => boolean,
): T[] {
  const removed = new Set<string>();
  let added: Array<{ json: string; id: string }> = [];
  for (const change of changes) {
    if ('remove' in change) {
      removed.add(change.remove);
      if (added.some((entry) => entry.id === change.remove)) added = added.filter((e) => e.id !== change.remove);
    } else {
      added.push({ json: change.add, id: change.id });
    }
  }
  const kept = removed.size === 0 ? items.slice() : items.filter((item) => !removed.has(spec.idOf(item)));
  for (const entry of added) {
    const item = JSON.parse(entry.json) as T;
    if (!keep || keep(item, spec)) kept.push(item);
  }
  return kept;
}

/** The changes a batch made, per document id; emptied after each commit or rollback. */
export class BatchChanges<Core, Lists extends Record<string, unknown[]>> {
  private readonly byId = new Map<string, DocumentChanges<Core, Lists>>();

  of(id: string): DocumentChanges<Core, Lists> {
    let changes = this.byId.get(id);
    if (!changes) this.byId.set(id, (changes = new DocumentChanges()));
    return changes;
  }

  entries(): IterableIterator<[string, DocumentChanges<Core, Lists>]> {
    return this.byId.entries();
  }

  clear(): void {
    this.byId.clear();
  }
}
