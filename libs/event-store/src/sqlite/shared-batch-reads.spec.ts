import type { RecordedEvent } from '../event-store.port.js';
import { SharedBatchReads } from './shared-batch-reads.js';

const recorded = (position: number): RecordedEvent => ({
  id: `e${position}`,
  type: 'E',
  data: { nested: { list: [position] } },
  metadata: { actor: 't', correlationId: 'c', causationId: null, occurredAt: '2026-01-01T00:00:00Z', schemaVersion: 1 },
  streamId: 's',
  revision: BigInt(position - 1),
  position: BigInt(position),
});

describe('SharedBatchReads', () => {
  function reads() {
    const stored: RecordedEvent[] = [];
    let queries = 0;
    const shared = new SharedBatchReads((from, maxCount) => {
      queries++;
      return stored
        .filter((e) => from === 'start' || e.position >= from)
        .slice(0, maxCount)
        .map((e) => ({ ...e }));
    });
    return { stored, shared, queries: () => queries };
  }

  it('reads once for subscribers asking for the same batch in one turn, and none can change it', () => {
    const { stored, shared, queries } = reads();
    stored.push(recorded(1), recorded(2));
    const first = shared.read('start', 100);
    const second = shared.read('start', 100);
    expect(queries()).toBe(1);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(() => ((first[0].data.nested as { list: number[] }).list[0] = 9)).toThrow(TypeError);
    expect(() => first.pop()).not.toThrow();
    expect(shared.read('start', 100)).toHaveLength(2);
  });

  it('reads again after a commit, and at the next turn for writers in other processes', async () => {
    const { stored, shared, queries } = reads();
    expect(shared.read(1n, 100)).toEqual([]);
    stored.push(recorded(1));
    shared.clear();
    expect(shared.read(1n, 100).map((e) => e.id)).toEqual(['e1']);
    stored.push(recorded(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(shared.read(1n, 100).map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(shared.read(2n, 100).map((e) => e.id)).toEqual(['e2']);
    expect(queries()).toBe(4);
  });
});
