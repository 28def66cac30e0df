import { WrongExpectedRevisionError } from '../../event-store.errors.js';
import { ascending, type ContractContext } from './contract-context.js';

/**
 * Appends and their expected revisions. Cases marked "ported" restate, in the port's terms, tests
 * of @eventstore/db-client 6.2.1 (packages/test/src/streams/appendToStream*.test.ts) and of
 * Emmett's EventStoreDB event store; the idempotency cases pin the server's rules (v24.10,
 * IndexWriter.CheckCommit) that the command runner relies on after an ambiguous write.
 */
export function appendContract({
  store,
  stream,
  event,
  readAllSince,
  startOfTest,
  expectWrongRevision,
}: ContractContext) {
  describe('append', () => {
    it('creates a stream with no_stream and returns 0-based revisions', async () => {
      const s = stream();
      const first = await store().append(s, [event()], 'no_stream');
      expect(first.nextExpectedRevision).toBe(0n);
      const second = await store().append(s, [event(), event()], 0n);
      expect(second.nextExpectedRevision).toBe(2n);
      expect(second.position).toBeGreaterThan(first.position);
    });

    it('rejects a wrong exact revision, naming stream, expected and actual', async () => {
      const s = stream();
      await store().append(s, [event(), event()], 'no_stream');
      const error = await store()
        .append(s, [event()], 0n)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).streamId).toBe(s);
      expect((error as WrongExpectedRevisionError).expected).toBe(0n);
      expect((error as WrongExpectedRevisionError).actual).toBe(1n);
      expect(await store().readStream(s)).toHaveLength(2);
    });

    it('rejects no_stream when the stream exists', async () => {
      const s = stream();
      await store().append(s, [event()], 'no_stream');
      await expectWrongRevision(store().append(s, [event()], 'no_stream'), 'no_stream', 0n);
    });

    it('rejects stream_exists and an exact revision when the stream does not exist', async () => {
      const s = stream();
      await expectWrongRevision(store().append(s, [event()], 'stream_exists'), 'stream_exists', 'no_stream');
      await expectWrongRevision(store().append(s, [event()], 3n), 3n, 'no_stream');
      expect(await store().readStream(s)).toEqual([]);
    });

    it('accepts stream_exists and any', async () => {
      const s = stream();
      await store().append(s, [event()], 'any');
      const result = await store().append(s, [event()], 'stream_exists');
      expect(result.nextExpectedRevision).toBe(1n);
      expect((await store().append(s, [event()], 'any')).nextExpectedRevision).toBe(2n);
    });

    it('ported: creates a missing stream with any, then appends after it with an exact revision', async () => {
      const s = stream();
      const created = await store().append(s, [event('First'), event('Second')], 'any');
      expect(created.nextExpectedRevision).toBe(1n);
      const next = await store().append(s, [event('Third')], created.nextExpectedRevision);
      expect(next.nextExpectedRevision).toBe(2n);
      expect((await store().readStream(s)).map((e) => e.type)).toEqual(['First', 'Second', 'Third']);
    });

    it('ported: appends a batch of 1,000 events at once, with consecutive revisions in one run of $all', async () => {
      const from = await startOfTest();
      const s = stream('batch');
      const batch = [...Array(1000).keys()].map((n) => event('Numbered', { n, padding: 'x'.repeat(200) }));
      const result = await store().append(s, batch, 'no_stream');
      expect(result.nextExpectedRevision).toBe(999n);
      const read = await store().readStream(s);
      expect(read.map((e) => e.revision)).toEqual([...Array(1000).keys()].map(BigInt));
      expect(read.map((e) => e.id)).toEqual(batch.map((e) => e.id));
      expect(read[999].position).toBe(result.position);
      const inAll = await readAllSince(from, [s]);
      expect(inAll.map((e) => e.data.n)).toEqual([...Array(1000).keys()]);
      expect(ascending(inAll.map((e) => e.position))).toBe(true);
    });

    it('treats a retried append of the same event ids as a no-op with the same result', async () => {
      const s = stream();
      await store().append(s, [event()], 'no_stream');
      const batch = [event(), event()];
      const first = await store().append(s, batch, 0n);
      const again = await store().append(s, batch, 0n);
      expect(again).toEqual(first);
      expect(await store().readStream(s)).toHaveLength(3);
    });

    it('treats a retried first append (no_stream) as a no-op', async () => {
      const s = stream();
      const batch = [event()];
      const first = await store().append(s, batch, 'no_stream');
      const again = await store().append(s, batch, 'no_stream');
      expect(again).toEqual(first);
      expect(await store().readStream(s)).toHaveLength(1);
    });

    it('treats a retry with any or stream_exists of stored event ids as a no-op answered like the write', async () => {
      const s = stream();
      const batch = [event(), event()];
      const first = await store().append(s, batch, 'any');
      expect(await store().append(s, batch, 'any')).toEqual(first);
      expect(await store().append(s, batch, 'stream_exists')).toEqual(first);
      const later = await store().append(s, [event()], 'stream_exists');
      expect(later.nextExpectedRevision).toBe(2n);
      expect(await store().append(s, batch, 'any')).toEqual(first);
      expect(await store().readStream(s)).toHaveLength(3);
    });

    it('treats a retry at its expected revision as a no-op even after other writers appended', async () => {
      const s = stream();
      await store().append(s, [event('Before')], 'no_stream');
      const ours = [event('Ours'), event('AlsoOurs')];
      const first = await store().append(s, ours, 0n);
      await store().append(s, [event('SomeoneElse')], 'any');
      expect(await store().append(s, ours, 0n)).toEqual(first);
      expect((await store().readStream(s)).map((e) => e.type)).toEqual(['Before', 'Ours', 'AlsoOurs', 'SomeoneElse']);
    });

    it('refuses a retry that repeats only part of a stored write, or adds to it', async () => {
      const s = stream();
      const [a, b, c] = [event('A'), event('B'), event('C')];
      await store().append(s, [a, b], 'no_stream');
      await expectWrongRevision(store().append(s, [a, c], 'no_stream'), 'no_stream', 1n);
      await expectWrongRevision(store().append(s, [a, b, c], 'no_stream'), 'no_stream', 1n);
      await expectWrongRevision(store().append(s, [c], 'no_stream'), 'no_stream', 1n);
      expect((await store().readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('answers an empty append with the current revision and writes nothing', async () => {
      const s = stream();
      const written = await store().append(s, [event(), event()], 'no_stream');
      const empty = await store().append(s, [], 'any');
      expect(empty.nextExpectedRevision).toBe(1n);
      expect(empty.position).toBeGreaterThanOrEqual(written.position);
      expect((await store().append(s, [], 1n)).nextExpectedRevision).toBe(1n);
      await expectWrongRevision(store().append(s, [], 0n), 0n, 1n);
      expect(await store().readStream(s)).toHaveLength(2);
    });

    it('lets exactly one of two concurrent appends at the same revision win', async () => {
      const s = stream();
      await store().append(s, [event()], 'no_stream');
      const results = await Promise.allSettled([
        store().append(s, [event('A')], 0n),
        store().append(s, [event('B')], 0n),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store().readStream(s)).toHaveLength(2);
    });

    it('ported (Emmett): keeps the correlation and causation ids on every event of a batch', async () => {
      const s = stream();
      const metadata = { ...event().metadata, correlationId: 'corr-batch', causationId: 'cause-batch' };
      const batch = [event('One'), event('Two'), event('Three')].map((e) => ({ ...e, metadata }));
      await store().append(s, batch, 'no_stream');
      const read = await store().readStream(s);
      expect(read.map((e) => [e.metadata.correlationId, e.metadata.causationId])).toEqual([
        ['corr-batch', 'cause-batch'],
        ['corr-batch', 'cause-batch'],
        ['corr-batch', 'cause-batch'],
      ]);
    });

    it('ported (Emmett): a stream read back folds to its state, its last revision the one to expect next', async () => {
      const s = stream();
      await store().append(s, [event('Added', { by: 2 }), event('Added', { by: 3 })], 'no_stream');
      await store().append(s, [event('Added', { by: 5 })], 1n);
      const read = await store().readStream(s);
      const total = read.reduce((sum, e) => sum + (e.data.by as number), 0);
      expect(total).toBe(10);
      const expected = read[read.length - 1].revision;
      expect((await store().append(s, [event('Added', { by: 1 })], expected)).nextExpectedRevision).toBe(3n);
    });

    it('stores data and metadata exactly', async () => {
      const s = stream();
      const original = event('Detailed', {
        text: 'naïve café — 日本語 🚨',
        nested: { list: [1, 2.5, null, true], empty: {} },
        quote: '"\\',
      });
      await store().append(s, [original], 'no_stream');
      const [read] = await store().readStream(s);
      expect(read.id).toBe(original.id);
      expect(read.type).toBe('Detailed');
      expect(read.data).toEqual(original.data);
      expect(read.metadata).toEqual(original.metadata);
      expect(read.streamId).toBe(s);
      expect(read.revision).toBe(0n);
    });
  });
}
