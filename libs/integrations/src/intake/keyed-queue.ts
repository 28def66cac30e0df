interface Waiting<Item> {
  item: Item;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Runs work per key one batch at a time: items arriving for a key while its previous batch runs
 * wait and are then handed over together (consecutive items of the same kind only), so a burst of
 * identical alerts costs a few appends instead of a storm of conflicting ones. Correctness does not
 * rest on it (the store's expected revisions do); it only spares futile retries within a process.
 */
export class KeyedQueue<Item> {
  private readonly queues = new Map<string, Waiting<Item>[]>();

  constructor(private readonly sameKind: (a: Item, b: Item) => boolean) {}

  run(key: string, item: Item, work: (items: Item[]) => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.queues.set(key, [{ item, resolve, reject }]);
      void this.drain(key, work);
    });
  }

  private async drain(key: string, work: (items: Item[]) => Promise<void>): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      let count = 1;
      while (count < queue.length && this.sameKind(queue[0].item, queue[count].item)) count++;
      const batch = queue.slice(0, count);
      try {
        await work(batch.map((w) => w.item));
        batch.forEach((w) => w.resolve());
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
      queue.splice(0, count);
    }
    this.queues.delete(key);
  }
}
