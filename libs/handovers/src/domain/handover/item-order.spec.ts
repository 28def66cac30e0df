import { compareHandoverItems, type OrderedItem } from './item-order.js';

const item = (escalationId: string, severity: string, raisedAt: string): OrderedItem => ({
  escalationId,
  severity,
  raisedAt,
});

describe('compareHandoverItems', () => {
  it('puts the most severe first, then the oldest', () => {
    const items = [
      item('s3-old', 'S3', '2026-07-15T10:00:00.000Z'),
      item('s1-new', 'S1', '2026-07-15T20:00:00.000Z'),
      item('s2', 'S2', '2026-07-15T12:00:00.000Z'),
      item('s1-old', 'S1', '2026-07-15T11:00:00.000Z'),
      item('s4', 'S4', '2026-07-15T09:00:00.000Z'),
    ];
    expect([...items].sort(compareHandoverItems).map((i) => i.escalationId)).toEqual([
      's1-old',
      's1-new',
      's2',
      's3-old',
      's4',
    ]);
  });

  it('orders items raised at the same instant by id, so the order is stable', () => {
    const at = '2026-07-15T10:00:00.000Z';
    expect([item('b', 'S2', at), item('a', 'S2', at)].sort(compareHandoverItems).map((i) => i.escalationId)).toEqual([
      'a',
      'b',
    ]);
  });
});
