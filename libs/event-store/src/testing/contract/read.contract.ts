import { ascending, type ContractContext } from './contract-context.js';

/**
 * Reads of one stream and of `$all`. Other clients may write to the same store meanwhile (and the
 * server writes events of its own), so `$all` assertions keep to the case's own streams and
 * compare positions only with each other. Cases marked "ported" restate tests of
 * @eventstore/db-client 6.2.1 (readStream.test.ts, readAll.test.ts).
 */
export function readContract({ store, stream, event, startOfTest, readAllSince }: ContractContext) {
  describe('readStream', () => {
    it('returns an empty array for a stream that does not exist', async () => {
      expect(await store().readStream(stream())).toEqual([]);
    });

    it('reads forwards and backwards from a revision with a limit', async () => {
      const s = stream();
      await store().append(
        s,
        [0, 1, 2, 3, 4].map((n) => event('Numbered', { n })),
        'no_stream',
      );
      const forwards = await store().readStream(s, { fromRevision: 1n, maxCount: 2 });
      expect(forwards.map((e) => e.data.n)).toEqual([1, 2]);
      expect(forwards.map((e) => e.revision)).toEqual([1n, 2n]);
      const backwards = await store().readStream(s, { direction: 'backwards', fromRevision: 3n, maxCount: 3 });
      expect(backwards.map((e) => e.data.n)).toEqual([3, 2, 1]);
      const lastOne = await store().readStream(s, { direction: 'backwards', maxCount: 1 });
      expect(lastOne.map((e) => e.revision)).toEqual([4n]);
      const all = await store().readStream(s);
      expect(all.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
    });

    it('ported: reads nothing from a revision past the end, and everything backwards from the end', async () => {
      const s = stream();
      await store().append(
        s,
        [0, 1, 2].map((n) => event('Numbered', { n })),
        'no_stream',
      );
      expect(await store().readStream(s, { fromRevision: 3n })).toEqual([]);
      expect(await store().readStream(s, { fromRevision: 100n, maxCount: 5 })).toEqual([]);
      const backwards = await store().readStream(s, { direction: 'backwards' });
      expect(backwards.map((e) => e.data.n)).toEqual([2, 1, 0]);
    });

    it('ported: gives every event its global position, growing with the revision', async () => {
      const s = stream();
      const first = await store().append(s, [event(), event()], 'no_stream');
      const second = await store().append(s, [event()], 1n);
      const read = await store().readStream(s);
      expect(ascending(read.map((e) => e.position))).toBe(true);
      expect(read[1].position).toBe(first.position);
      expect(read[2].position).toBe(second.position);
    });
  });

  describe('readStreamWithRevision', () => {
    /** Another client's event: a type the service never writes, which every read leaves out. */
    const foreign = () => event('order.placed', { by: 'someone else' });

    it("answers no_stream and no events for a stream that does not exist, and the stream's revision otherwise", async () => {
      const missing = stream();
      expect(await store().readStreamWithRevision(missing)).toEqual({ events: [], revision: 'no_stream' });
      const s = stream();
      await store().append(
        s,
        [0, 1, 2].map((n) => event('Numbered', { n })),
        'no_stream',
      );
      const read = await store().readStreamWithRevision(s);
      expect(read.events.map((e) => e.data.n)).toEqual([0, 1, 2]);
      expect(read.revision).toBe(2n);
    });

    it('counts the events another client wrote, which it leaves out, in the revision', async () => {
      const s = stream();
      await store().append(s, [event('Numbered', { n: 0 }), foreign(), event('Numbered', { n: 2 })], 'no_stream');
      await store().append(s, [foreign(), foreign()], 2n);
      const read = await store().readStreamWithRevision(s);
      expect(read.events.map((e) => [e.revision, e.data.n])).toEqual([
        [0n, 0],
        [2n, 2],
      ]);
      expect(read.revision).toBe(4n);
      const appended = await store().append(s, [event('Numbered', { n: 5 })], read.revision);
      expect(appended.nextExpectedRevision).toBe(5n);
    });

    it('reads from a revision to the end, with the revision also when nothing of the service follows', async () => {
      const s = stream();
      await store().append(
        s,
        [0, 1, 2, 3].map((n) => event('Numbered', { n })),
        'no_stream',
      );
      const tail = await store().readStreamWithRevision(s, { fromRevision: 2n });
      expect(tail.events.map((e) => e.data.n)).toEqual([2, 3]);
      expect(tail.revision).toBe(3n);
      expect(await store().readStreamWithRevision(s, { fromRevision: 4n })).toEqual({ events: [], revision: 3n });
      await store().append(s, [foreign()], 3n);
      expect(await store().readStreamWithRevision(s, { fromRevision: 4n })).toEqual({ events: [], revision: 4n });
      expect(await store().readStreamWithRevision(s, { fromRevision: 40n })).toEqual({ events: [], revision: 4n });
    });

    it('reads a bounded page, backwards too, with the revision of the whole stream', async () => {
      const s = stream();
      await store().append(
        s,
        [0, 1, 2, 3, 4].map((n) => event('Numbered', { n })),
        'no_stream',
      );
      const page = await store().readStreamWithRevision(s, { fromRevision: 1n, maxCount: 2 });
      expect(page.events.map((e) => e.data.n)).toEqual([1, 2]);
      expect(page.revision).toBe(4n);
      const last = await store().readStreamWithRevision(s, { direction: 'backwards', maxCount: 1 });
      expect(last.events.map((e) => e.data.n)).toEqual([4]);
      expect(last.revision).toBe(4n);
    });
  });

  describe('readAll', () => {
    it('reads every stream in global order from an inclusive position', async () => {
      const from = await startOfTest();
      const a = stream('a');
      const b = stream('b');
      await store().append(a, [event('One')], 'no_stream');
      await store().append(b, [event('Two')], 'no_stream');
      await store().append(a, [event('Three')], 0n);
      const events = await readAllSince(from, [a, b]);
      expect(events.map((e) => e.type)).toEqual(['One', 'Two', 'Three']);
      const positions = events.map((e) => e.position);
      expect(ascending(positions)).toBe(true);
      const [atSecond] = await store().readAll({ fromPosition: positions[1], maxCount: 1 });
      expect(atSecond.id).toBe(events[1].id);
      const fromSecond = await readAllSince(positions[1], [a, b]);
      expect(fromSecond.map((e) => e.type)).toEqual(['Two', 'Three']);
    });

    it('ported: reads at most maxCount events, in order, whoever wrote them', async () => {
      const from = await startOfTest();
      const s = stream();
      await store().append(
        s,
        [...Array(10).keys()].map((n) => event('Numbered', { n })),
        'no_stream',
      );
      const some = await store().readAll({ fromPosition: from, maxCount: 4 });
      expect(some).toHaveLength(4);
      expect(ascending(some.map((e) => e.position))).toBe(true);
      expect(some.every((e) => !e.type.startsWith('$'))).toBe(true);
    });

    it('reports a head position at or after the last append', async () => {
      const s = stream();
      const result = await store().append(s, [event()], 'no_stream');
      const head = await store().headPosition();
      expect(head).not.toBe('start');
      expect(head as bigint).toBeGreaterThanOrEqual(result.position);
    });

    it('leaves events another writer appends meanwhile where they belong in the order', async () => {
      const from = await startOfTest();
      const ours = stream('ours');
      const theirs = stream('theirs');
      await store().append(ours, [event('Ours1')], 'no_stream');
      await Promise.all([
        store().append(theirs, [event('Theirs1'), event('Theirs2')], 'no_stream'),
        store().append(ours, [event('Ours2')], 0n),
      ]);
      const events = await readAllSince(from, [ours, theirs]);
      expect(events).toHaveLength(4);
      expect(events.filter((e) => e.streamId === ours).map((e) => e.type)).toEqual(['Ours1', 'Ours2']);
      expect(events.filter((e) => e.streamId === theirs).map((e) => e.type)).toEqual(['Theirs1', 'Theirs2']);
      expect(ascending(events.map((e) => e.position))).toBe(true);
    });
  });
}
