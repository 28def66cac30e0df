import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../../event-store.errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../../event-store.port.js';

/**
 * What every contract case uses. Nothing here assumes the store is empty or written only by the
 * suite: streams get unique names, reads of `$all` start from the head taken at the start of a
 * case and keep only the case's own streams, and positions are compared with each other.
 */
export interface ContractContext {
  store(): EventStore;
  stream(name?: string): string;
  event(type?: string, data?: Record<string, unknown>): NewEvent;
  startOfTest(): Promise<bigint | 'start'>;
  readAllSince(from: bigint | 'start', streams: string[]): Promise<RecordedEvent[]>;
  expectWrongRevision(promise: Promise<unknown>, expected: unknown, actual: unknown): Promise<void>;
}

export function contractContext(store: () => EventStore): ContractContext {
  return {
    store,
    stream: (name = 'contract') => `${name}-${randomUUID()}`,
    event: (type = 'ThingHappened', data = {}) => ({
      id: randomUUID(),
      type,
      data,
      metadata: {
        actor: 'contract-test',
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: '2026-11-22T10:00:00.000Z',
        schemaVersion: 1,
      },
    }),
    startOfTest: () => store().headPosition(),
    async readAllSince(from, streams) {
      const all = await store().readAll({ fromPosition: from, maxCount: 100_000 });
      return all.filter((e) => streams.includes(e.streamId));
    },
    async expectWrongRevision(promise, expected, actual) {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      const wrong = error as WrongExpectedRevisionError;
      expect(wrong.expected).toEqual(expected);
      expect(wrong.actual).toEqual(actual);
    },
  };
}

export function ascending(positions: bigint[]): boolean {
  return positions.every((position, i) => i === 0 || positions[i - 1] < position);
}
