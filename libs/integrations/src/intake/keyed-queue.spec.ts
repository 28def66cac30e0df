import { KeyedQueue } from './keyed-queue.js';

describe('KeyedQueue', () => {
  it('hands items that arrive during a batch over together, per key, in order', async () => {
    const queue = new KeyedQueue<string>((a, b) => a[0] === b[0]);
    const batches: string[][] = [];
    const work = async (items: string[]) => {
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await Promise.all(['t1', 't2', 't3', 'r1', 't4'].map((item) => queue.run('k', item, work)));
    expect(batches).toEqual([['t1'], ['t2', 't3'], ['r1'], ['t4']]);
  });

  it('rejects only the batch that failed', async () => {
    const queue = new KeyedQueue<string>(() => true);
    const work = async (items: string[]) => {
      if (items.includes('bad')) throw new Error('boom');
    };
    const first = queue.run('k', 'bad', work);
    const second = queue.run('k', 'good', work);
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBeUndefined();
  });
});
