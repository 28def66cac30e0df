import { IntervalIndex } from './interval-index.js';

describe('IntervalIndex', () => {
  const item = (name: string, startMs: number, endMs: number) => ({ name, startMs, endMs });

  it('finds what overlaps [from, to), in the items’ own order, as a scan over every item would', () => {
    const items = [
      item('late', 50, 60),
      item('long', 0, 100),
      item('early', 10, 20),
      item('touching', 20, 30),
      item('empty', 40, 40),
      item('again-early', 5, 15),
    ];
    const index = new IntervalIndex(items);
    for (let from = -5; from <= 105; from += 5) {
      for (let to = from + 1; to <= 110; to += 7) {
        const scanned = items.filter((i) => i.startMs < to && from < i.endMs).map((i) => i.name);
        expect(index.overlapping(from, to).map((i) => i.name)).toEqual(scanned);
      }
    }
  });

  it('answers nothing when empty, and skips every item that ended before the question', () => {
    expect(new IntervalIndex([]).overlapping(0, 10)).toEqual([]);
    const past = Array.from({ length: 1000 }, (_, n) => item(`past-${n}`, n * 10, n * 10 + 5));
    const index = new IntervalIndex([...past, item('now', 20_000, 20_010)]);
    expect(index.overlapping(20_005, 20_006).map((i) => i.name)).toEqual(['now']);
    expect(index.overlapping(30_000, 30_001)).toEqual([]);
  });
});
