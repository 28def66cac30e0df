import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { cachedStatement, ReadModelProjection, toDomainEvent, type Projection, type RecordedEvent } from '@app/event-store';
import { responderDecider, type Responder } from '../domain/responder/responder.decider.js';
import type { ResponderEvent } from '../domain/responder/responder.events.js';
import { rotationDecider, type Rotation } from '../domain/rotation/rotation.decider.js';
import type { RotationEvent } from '../domain/rotation/rotation.events.js';

const RESPONDER_EVENTS = new Set<string>([
  'ResponderRegistered',
  'ResponderOnCallRestrictionChanged',
  'ResponderUnavailabilityMarked',
  'ResponderUnavailabilityCleared',
]);
const ROTATION_EVENTS = new Set<string>([
  'RotationCreated',
  'RotationParticipantAdded',
  'RotationParticipantRemoved',
  'RotationShadowAdded',
  'RotationShadowRemoved',
  'OverrideScheduled',
  'OverrideCancelled',
  'ShiftsSwapped',
]);

/**
 * The schedule's read model: every responder and rotation as a document (the same fold the
 * deciders use), from which the on-call queries compute who is on call at any instant.
 * Committed documents are also kept in memory; after each commit the ones it touched are reloaded.
 */
@ReadModelProjection()
@Injectable()
export class CurrentOnCallProjection implements Projection {
  readonly name = 'current-on-call';
  readonly version = 1;
  private responders?: Map<string, Responder>;
  private rotations?: Map<string, Rotation>;
  private db?: Database;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS schedule_responders (
        responder_id TEXT PRIMARY KEY,
        handle       TEXT NOT NULL,
        team         TEXT NOT NULL,
        doc          TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS schedule_responders_by_handle ON schedule_responders (handle);
      CREATE TABLE IF NOT EXISTS schedule_rotations (
        rotation_id TEXT PRIMARY KEY,
        team        TEXT NOT NULL,
        doc         TEXT NOT NULL
      );
    `);
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS schedule_responders; DROP TABLE IF EXISTS schedule_rotations;');
  }

  apply(event: RecordedEvent, db: Database): void {
    if (RESPONDER_EVENTS.has(event.type)) {
      const id = event.data.responderId as string;
      const next = responderDecider.evolve(this.loadResponder(db, id), toDomainEvent<ResponderEvent>(event));
      if (next) {
        cachedStatement(db, 'INSERT OR REPLACE INTO schedule_responders (responder_id, handle, team, doc) VALUES (?, ?, ?, ?)').run(
          id,
          next.handle,
          next.team,
          JSON.stringify(next),
        );
      }
    } else if (ROTATION_EVENTS.has(event.type)) {
      const id = event.data.rotationId as string;
      const next = rotationDecider.evolve(this.loadRotation(db, id), toDomainEvent<RotationEvent>(event));
      if (next) {
        cachedStatement(db, 'INSERT OR REPLACE INTO schedule_rotations (rotation_id, team, doc) VALUES (?, ?, ?)').run(
          id,
          next.team,
          JSON.stringify(next),
        );
      }
    }
  }

  afterCommit(events: RecordedEvent[]): void {
    if (events.length === 0) {
      this.responders = undefined;
      this.rotations = undefined;
      return;
    }
    const db = this.database();
    for (const event of events) {
      if (this.responders && RESPONDER_EVENTS.has(event.type)) {
        reload(this.responders, event.data.responderId as string, (id) => this.loadResponder(db, id));
      }
      if (this.rotations && ROTATION_EVENTS.has(event.type)) {
        reload(this.rotations, event.data.rotationId as string, (id) => this.loadRotation(db, id));
      }
    }
  }

  allResponders(): Responder[] {
    return [...this.responderCache().values()];
  }

  responder(id: string): Responder | undefined {
    return this.responderCache().get(id);
  }

  allRotations(): Rotation[] {
    return [...this.rotationCache().values()];
  }

  rotation(id: string): Rotation | undefined {
    return this.rotationCache().get(id);
  }

  private responderCache(): Map<string, Responder> {
    this.responders ??= this.loadAll<Responder>('SELECT doc FROM schedule_responders', (r) => r.responderId);
    return this.responders;
  }

  private rotationCache(): Map<string, Rotation> {
    this.rotations ??= this.loadAll<Rotation>('SELECT doc FROM schedule_rotations', (r) => r.rotationId);
    return this.rotations;
  }

  private loadAll<T>(sql: string, key: (doc: T) => string): Map<string, T> {
    const rows = cachedStatement<[], { doc: string }>(this.database(), sql).all();
    return new Map(rows.map((row) => JSON.parse(row.doc) as T).map((doc) => [key(doc), doc]));
  }

  private loadResponder(db: Database, id: string): Responder | null {
    const row = cachedStatement<[string], { doc: string }>(db, 'SELECT doc FROM schedule_responders WHERE responder_id = ?').get(id);
    return row ? (JSON.parse(row.doc) as Responder) : null;
  }

  private loadRotation(db: Database, id: string): Rotation | null {
    const row = cachedStatement<[string], { doc: string }>(db, 'SELECT doc FROM schedule_rotations WHERE rotation_id = ?').get(id);
    return row ? (JSON.parse(row.doc) as Rotation) : null;
  }

  private database(): Database {
    if (!this.db) throw new Error('The current-on-call projection is not set up yet');
    return this.db;
  }
}

function reload<T>(cache: Map<string, T>, id: string, load: (id: string) => T | null): void {
  const doc = load(id);
  if (doc) cache.set(id, doc);
  else cache.delete(id);
}
