import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import type { DiscoveryService } from '@nestjs/core';
import type { Projection } from './projection.js';
import type { ProjectionBatching } from './projection-batching.js';
import { ProjectionRunner } from './projection-runner.js';
import { ReadModelDatabase } from './read-model-database.js';

/** Records the positions it applied, in a table of its own; `failOn` makes apply throw on that type until cleared. */
export class Recording implements Projection {
  applied: bigint[] = [];
  failOn?: string;

  constructor(
    readonly name: string,
    readonly version = 1,
  ) {}

  private get table() {
    return `applied_${this.name}`;
  }

  setUp(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (position INTEGER PRIMARY KEY)`);
  }

  tearDown(db: Database) {
    db.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }

  apply(event: RecordedEvent, db: Database) {
    if (event.type === this.failOn) throw new Error(`cannot apply ${event.type}`);
    this.applied.push(event.position);
    db.prepare(`INSERT INTO ${this.table} VALUES (?)`).run(event.position);
  }

  stored(db: Database): number {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${this.table}`).get() as { n: number }).n;
  }
}

export const event = (type = 'Happened'): NewEvent => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: { actor: 't', correlationId: 'c', causationId: null, occurredAt: '2026-01-01T00:00:00Z', schemaVersion: 1 },
});

/** The store, counting the subscriptions opened, still open, and the events they delivered. */
export function counting(store: EventStore, beforeDelivery?: (events: RecordedEvent[]) => Promise<void>) {
  const counts = { opened: 0, open: 0, delivered: 0 };
  const counted: EventStore = Object.create(store);
  counted.subscribeToAll = (options, callbacks) => {
    counts.opened += 1;
    counts.open += 1;
    const subscription = store.subscribeToAll(options, {
      ...callbacks,
      onEvents: async (events) => {
        await beforeDelivery?.(events);
        counts.delivered += events.length;
        return callbacks.onEvents(events);
      },
    });
    let closed = false;
    return {
      close: () => {
        if (!closed) counts.open -= 1;
        closed = true;
        return subscription.close();
      },
    };
  };
  return { counted, counts };
}

export async function eventually(condition: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A runner feeding `projections` from `store` into the read models at `path`, started; `stop` ends it and closes them. */
export function startRunner(
  store: EventStore,
  path: string,
  projections: Projection[],
  options: { batching?: ProjectionBatching; beforeDelivery?: (events: RecordedEvent[]) => Promise<void> } = {},
) {
  const { counted, counts } = counting(store, options.beforeDelivery);
  const readModels = new ReadModelDatabase(path);
  const discovery = {
    getProviders: () => projections.map((instance) => ({ instance })),
  } as unknown as DiscoveryService;
  const runner = new ProjectionRunner(counted, readModels, 5000, discovery, options.batching);
  runner.onApplicationBootstrap();
  const stop = async () => {
    await runner.onModuleDestroy();
    readModels.close();
  };
  return { runner, readModels, counts, stop };
}
