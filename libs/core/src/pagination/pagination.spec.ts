import { encodeCursor, pageOfList } from './pagination.js';

describe('pageOfList', () => {
  const items = ['carol', 'ana', 'bob', 'dan'].map((name, i) => ({ name, id: `id-${i}` }));
  const keyOf = (item: { name: string; id: string }) => [item.name, item.id];

  it('pages in key order, each page after the last key of the previous one', () => {
    const one = pageOfList(items, { first: 2 }, keyOf, 2);
    expect(one.nodes.map((i) => i.name)).toEqual(['ana', 'bob']);
    expect(one).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const two = pageOfList(items, { first: 2, after: one.pageInfo.endCursor }, keyOf, 2);
    expect(two.nodes.map((i) => i.name)).toEqual(['carol', 'dan']);
    expect(two.pageInfo.hasNextPage).toBe(false);
  });

  it('continues after a removed item without repeating or skipping', () => {
    const after = encodeCursor(['bob', 'id-2']);
    const without = items.filter((i) => i.name !== 'bob');
    expect(pageOfList(without, { first: 5, after }, keyOf, 2).nodes.map((i) => i.name)).toEqual(['carol', 'dan']);
  });

  it('refuses a cursor that is not one of ours', () => {
    expect(() => pageOfList(items, { first: 2, after: 'made-up' }, keyOf, 2)).toThrow('after must be');
  });
});
