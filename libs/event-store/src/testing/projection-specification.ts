import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../decider/decider.js';
import type { EventMetadata, RecordedEvent } from '../event-store.port.js';
import type { Projection } from '../projections/projection.js';
import { ReadModelDatabase } from '../projections/read-model-database.js';

/** An event as a projection spec names it: a domain event, with its stream and metadata when they matter. */
export type GivenEvent = DomainEvent & { streamId?: string; metadata?: Partial<EventMetadata> };

const DEFAULT_METADATA: EventMetadata = {
  actor: 'test-actor',
  correlationId: 'test-correlation',
  causationId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
};

/**
 * Given/when/then tests for a projection, the read-model counterpart of deciderSpecification
 * (after Emmett's projection specifications):
 *
 *   spec.given([registered]).when([renamed]).then((projection) => expect(projection.find(id)).toMatchObject(...))
 *
 * Each list is applied as one batch, the way the projection runner applies a subscription's
 * batch: `apply` for each event and `flush` in one transaction of a fresh in-memory read-model
 * database, then `afterCommit`. Events get growing positions and per-stream revisions. `create`
 * receives that database, for projections that read it outside `apply`.
 */
export function projectionSpecification<P extends Projection>(create: (readModels: ReadModelDatabase) => P) {
  function run(batches: GivenEvent[][]): { projection: P; readModels: ReadModelDatabase } {
    const readModels = new ReadModelDatabase(':memory:');
    const projection = create(readModels);
    const { db } = readModels;
    projection.setUp(db);
    const revisions = new Map<string, bigint>();
    let position = 0n;
    for (const batch of batches) {
      if (batch.length === 0) continue;
      const recorded = batch.map((event): RecordedEvent => {
        const streamId = event.streamId ?? 'test-stream';
        const revision = (revisions.get(streamId) ?? -1n) + 1n;
        revisions.set(streamId, revision);
        position += 1n;
        return {
          id: event.id ?? randomUUID(),
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: { ...DEFAULT_METADATA, schemaVersion: event.schemaVersion ?? 1, ...event.metadata },
          streamId,
          revision,
          position,
        };
      });
      db.transaction(() => {
        for (const event of recorded) projection.apply(event, db);
        projection.flush?.(db);
      })();
      projection.afterCommit?.(recorded);
    }
    return { projection, readModels };
  }

  return {
    given(given: GivenEvent[]) {
      /** `readModels` is the database the projection wrote, for the queries that read its tables. */
      const then = (batches: GivenEvent[][]) => (check: (projection: P, readModels: ReadModelDatabase) => void) => {
        const { projection, readModels } = run(batches);
        try {
          check(projection, readModels);
        } finally {
          readModels.db.close();
        }
      };
      return {
        when(events: GivenEvent[]) {
          return { then: then([given, events]) };
        },
        then: then([given]),
      };
    },
  };
}
