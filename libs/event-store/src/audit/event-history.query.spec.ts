import { randomUUID } from 'node:crypto';
import { BadUserInputError, encodeCursor } from '@app/core';
import type { EventStore, NewEvent, ReadStreamOptions } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { EventHistoryQuery, MAX_READS_PER_PAGE } from './event-history.query.js';

function event(type: string, occurredAt = '2026-07-01T00:00:00.000Z', actor = 'manager-1'): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: { type },
    metadata: { actor, correlationId: `c-${type}`, causationId: null, occurredAt, schemaVersion: 1 },
  };
}

/** Counts the reads a page takes and the largest one. */
class CountingStore {
  readonly reads: ReadStreamOptions[] = [];

  constructor(private readonly inner: SqliteEventStore) {}

  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readStreamWithRevision: EventStore['readStreamWithRevision'] = (streamId, options) => {
    this.reads.push(options ?? {});
    return this.inner.readStreamWithRevision(streamId, options);
  };
}

describe('EventHistoryQuery: history read from the store', () => {
  let store: SqliteEventStore;
  let counting: CountingStore;
  let history: EventHistoryQuery;

  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
    counting = new CountingStore(store);
    history = new EventHistoryQuery(counting as unknown as EventStore);
  });

  afterEach(() => store.close());

  it('given a stream, then its events come oldest first with who did them and when, and as they stood at an instant', async () => {
    await store.append('rotation-1', [event('RotationCreated', '2026-07-01T00:00:00.000Z')], 'no_stream');
    await store.append('rotation-1', [event('RotationRenamed', '2026-07-02T00:00:00.000Z', 'admin')], 0n);
    const all = await history.forStream('rotation-1');
    expect(all.map(({ type, revision, actor }) => ({ type, revision, actor }))).toEqual([
      { type: 'RotationCreated', revision: 0, actor: 'manager-1' },
      { type: 'RotationRenamed', revision: 1, actor: 'admin' },
    ]);
    expect((await history.forStreamAsOf('rotation-1', new Date('2026-07-01T12:00:00Z'))).map((e) => e.type)).toEqual([
      'RotationCreated',
    ]);
    expect(await history.forStream('rotation-2')).toEqual([]);
    expect(await history.page('rotation-2', { first: 10 })).toEqual({
      nodes: [],
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: undefined },
    });
  });

  it('given a long stream, when paged, then each page reads only its own events and the pages join up', async () => {
    await store.append(
      'rotation-long',
      Array.from({ length: 1000 }, (_, i) => event(`Changed${i}`)),
      'no_stream',
    );
    const one = await history.page('rotation-long', { first: 3 });
    expect(one.nodes.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(one).toMatchObject({ totalCount: 1000, pageInfo: { hasNextPage: true } });
    const two = await history.page('rotation-long', { first: 3, after: one.pageInfo.endCursor });
    expect(two.nodes.map((e) => e.revision)).toEqual([3, 4, 5]);
    expect(counting.reads).toEqual([
      { fromRevision: 0n, maxCount: 4 },
      { fromRevision: 3n, maxCount: 4 },
    ]);
    const last = await history.page('rotation-long', { first: 100, after: encodeCursor([997]) });
    expect(last.nodes.map((e) => e.revision)).toEqual([998, 999]);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('given a stream filled with other clients’ events, then a page reads a bounded number of times and goes on from where it stopped', async () => {
    await store.append('rotation-3', [event('RotationCreated')], 'no_stream');
    await store.append(
      'rotation-3',
      Array.from({ length: 50 }, () => event('someone.elses')),
      0n,
    );
    await store.append('rotation-3', [event('RotationRenamed')], 50n);
    const one = await history.page('rotation-3', { first: 2 });
    expect(one.nodes.map((e) => e.type)).toEqual(['RotationCreated']);
    expect(counting.reads).toHaveLength(MAX_READS_PER_PAGE);
    expect(one.pageInfo.hasNextPage).toBe(true);
    let after = one.pageInfo.endCursor;
    const seen = [...one.nodes.map((e) => e.type)];
    for (let page = 0; page < 20 && after; page++) {
      const next = await history.page('rotation-3', { first: 2, after });
      seen.push(...next.nodes.map((e) => e.type));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : undefined;
    }
    expect(seen).toEqual(['RotationCreated', 'RotationRenamed']);
    expect(Math.max(...counting.reads.map((r) => r.maxCount ?? Infinity))).toBe(3);
  });

  it('refuses a cursor that is not one of its pages’', async () => {
    await expect(history.page('rotation-1', { first: 2, after: 'made-up' })).rejects.toBeInstanceOf(BadUserInputError);
  });
});
