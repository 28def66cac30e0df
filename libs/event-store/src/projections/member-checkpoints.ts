import type { Logger } from '@nestjs/common';
import type { SkippedEventCounts } from './projection-failure.js';
import { isAfter, type Member } from './projection-pass.js';
import type { Projection } from './projection.js';
import { replacedStore, type ReadModelDatabase, type StoreIdentity } from './read-model-database.js';

/** A projection's member, its tables set up and its checkpoint saved; a changed version tears its tables down first. */
export function registerMember(
  readModels: ReadModelDatabase,
  projection: Projection,
  skipped: SkippedEventCounts,
  logger: Logger,
): Member {
  const db = readModels.db;
  const stored = readModels.checkpoint(projection.name);
  let checkpoint = stored ?? { version: projection.version, position: 'start' as const, store: null };
  db.transaction(() => {
    if (stored && stored.version !== projection.version) {
      logger.log(`Projection ${projection.name} changed (v${stored.version} → v${projection.version}); rebuilding`);
      projection.tearDown(db);
      checkpoint = { version: projection.version, position: 'start', store: null };
    }
    projection.setUp(db);
    readModels.saveCheckpoint(projection.name, checkpoint);
  })();
  return {
    projection,
    position: checkpoint.position,
    seen: checkpoint.position,
    store: checkpoint.store,
    state: 'starting',
    caughtUp: false,
    failures: 0,
    skipped,
  };
}

/** Empties the projection's tables and sets its checkpoint back to the first event. */
export function resetProjection(readModels: ReadModelDatabase, projection: Projection): void {
  const db = readModels.db;
  db.transaction(() => {
    projection.tearDown(db);
    projection.setUp(db);
    readModels.saveCheckpoint(projection.name, { version: projection.version, position: 'start', store: null });
  })();
  projection.afterCommit?.([]);
}

/** Takes the member to its committed checkpoint (reset when the store was replaced), running. */
export function resumeMember(
  readModels: ReadModelDatabase,
  member: Member,
  identity: StoreIdentity | null,
  head: bigint | 'start',
  logger: Logger,
): void {
  const { projection } = member;
  const stored = readModels.checkpoint(projection.name);
  let from: bigint | 'start' = stored?.position ?? 'start';
  let store = stored?.store ?? null;
  const replaced = stored && replacedStore(stored, identity);
  if (replaced) {
    logger.log(`Projection ${projection.name}: ${replaced}; rebuilding`);
    resetProjection(readModels, projection);
    from = 'start';
    store = null;
  }
  member.position = from;
  if (from === 'start' || isAfter(from, member.seen)) member.seen = from;
  member.store = store;
  member.state = 'running';
  if (member.failure?.eventId === undefined) member.failure = undefined;
  if (head === 'start' || (from !== 'start' && from >= head)) member.caughtUp = true;
}
