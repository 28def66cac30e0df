import { randomUUID } from 'node:crypto';
import {
  AppendBudgetExceededError,
  appendSize,
  chunkWithinBudget,
  DEFAULT_APPEND_BUDGET_BYTES,
  MIN_APPEND_BUDGET_BYTES,
} from './append-budget.js';
import { EsdbEventStore } from './esdb/esdb-event-store.js';
import type { EventStore, NewEvent } from './event-store.port.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { EsdbGrpcDouble } from './testing/esdb-grpc-double/index.js';

/** An event whose data and metadata come to exactly `bytes` (multi-byte characters counted as bytes). */
function eventOf(bytes: number): NewEvent {
  const event: NewEvent = {
    id: randomUUID(),
    type: 'Sized',
    data: { text: '' },
    metadata: {
      actor: 'budget-spec',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-12-01T00:00:00.000Z',
      schemaVersion: 1,
    },
  };
  const fill = bytes - appendSize([event]);
  // 'é' is two bytes in UTF-8: the budget counts bytes, not characters.
  event.data = { text: 'é'.repeat(Math.floor(fill / 2)) + 'x'.repeat(fill % 2) };
  return event;
}

describe('the append budget', () => {
  it('measures data and metadata in UTF-8 bytes', () => {
    expect(appendSize([eventOf(1000)])).toBe(1000);
    expect(appendSize([eventOf(1000), eventOf(2001)])).toBe(3001);
  });

  it('splits events in order into the fewest chunks within the budget', () => {
    const events = [400, 300, 300, 1000, 200, 1200].map(eventOf);
    const chunks = chunkWithinBudget(events, 1000);
    expect(chunks.map((chunk) => chunk.map((e) => appendSize([e])))).toEqual([[400, 300, 300], [1000], [200], [1200]]);
    expect(chunks.flat()).toEqual(events);
    expect(chunkWithinBudget([], 1000)).toEqual([]);
  });

  let double: EsdbGrpcDouble;
  beforeAll(async () => {
    double = await EsdbGrpcDouble.start();
  });
  afterAll(() => double.stop());

  describe.each([
    ['SQLite', (budget?: number) => new SqliteEventStore({ path: ':memory:', appendBudgetBytes: budget })],
    [
      'EventStoreDB (gRPC double)',
      (budget?: number) => new EsdbEventStore({ connectionString: double.connectionString, appendBudgetBytes: budget }),
    ],
  ])('on %s', (_, open: (budget?: number) => EventStore) => {
    it('accepts an append of exactly the default budget (512 KiB) and refuses one byte more, storing nothing', async () => {
      const store = open();
      const stream = `budget-${randomUUID()}`;
      const half = DEFAULT_APPEND_BUDGET_BYTES / 2;
      await expect(store.append(stream, [eventOf(half), eventOf(half)], 'no_stream')).resolves.toMatchObject({
        nextExpectedRevision: 1n,
      });
      const over = store.append(stream, [eventOf(half), eventOf(half + 1)], 1n);
      await expect(over).rejects.toBeInstanceOf(AppendBudgetExceededError);
      await expect(over).rejects.toThrow(
        `2 event(s) of ${DEFAULT_APPEND_BUDGET_BYTES + 1} bytes exceed the append budget of ${DEFAULT_APPEND_BUDGET_BYTES} bytes`,
      );
      expect(await store.readStream(stream)).toHaveLength(2);
      await store.close();
    });

    it('follows a configured budget', async () => {
      const store = open(MIN_APPEND_BUDGET_BYTES);
      const stream = `budget-${randomUUID()}`;
      await expect(store.append(stream, [eventOf(MIN_APPEND_BUDGET_BYTES + 1)], 'any')).rejects.toMatchObject({
        name: 'AppendBudgetExceededError',
        streamId: stream,
        bytes: MIN_APPEND_BUDGET_BYTES + 1,
        budgetBytes: MIN_APPEND_BUDGET_BYTES,
      });
      expect(await store.readStream(stream)).toEqual([]);
      await store.append(stream, [eventOf(MIN_APPEND_BUDGET_BYTES)], 'any');
      expect(await store.readStream(stream)).toHaveLength(1);
      await store.close();
    });
  });
});
