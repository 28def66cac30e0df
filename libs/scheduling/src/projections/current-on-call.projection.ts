import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  ReadModelProjection,
  toDomainEvent,
  type Projection,
  type RecordedEvent,
  readDoc,
} from '@app/event-store';
import { responderDecider, type Responder } from '../domain/responder/responder.decider.js';
import type { ResponderEvent } from '../domain/responder/responder.events.js';
import { rotationDecider, type Rotation } from '../domain/rotation/rotation.decider.js';
import type { RotationEvent } from '../domain/rotation/rotation.events.js';
import type { AssignedSlot, Override, Swap } from '../domain/schedule/schedule.types.js';
import type { SlotRoundEvent } from '../domain/slot-round/slot-round.events.js';
import { BatchChanges } from './schedule-cache-changes.js';

type ResponderCore = Omit<Responder, 'unavailability'>;
type RotationCore = Omit<Rotation, 'overrides' | 'swaps' | 'slots'>;
type UnavailableSpan = Responder['unavailability'][number];
type ResponderLists = Pick<Responder, 'unavailability'>;
type RotationLists = Required<Pick<Rotation, 'overrides' | 'swaps' | 'slots'>>;

type ScheduleEvent = ResponderEvent | RotationEvent | SlotRoundEvent;

/** The events `apply` handles: any other costs one set lookup. */
const SCHEDULE_EVENT_TYPES: ReadonlySet<string> = new Set<ScheduleEvent['type']>([
  'ResponderRegistered',
  'ResponderOnCallRestrictionChanged',
  'ResponderUpdated',
  'ResponderDeactivated',
  'ResponderUnavailabilityMarked',
  'ResponderUnavailabilityCleared',
  'RotationCreated',
  'RotationParticipantAdded',
  'RotationParticipantRemoved',
  'RotationShadowAdded',
  'RotationShadowRemoved',
  'RotationUpdated',
  'RotationTimeZoneChanged',
  'ShiftPatternChanged',
  'RotationParticipantsReordered',
  'RotationArchived',
  'OverrideScheduled',
  'OverrideCancelled',
  'ShiftsSwapped',
  'SlotAssigned',
]);

const responderItemIds = { unavailability: (span: UnavailableSpan) => span.spanId };
const rotationItemIds = {
  overrides: (override: Override) => override.overrideId,
  swaps: (swap: Swap) => swap.swapId,
  slots: (slot: AssignedSlot) => slot.slotId,
};

/**
 * The schedule's read model: responders and rotations (folded with the deciders' own `evolve`),
 * with their unavailable spans, overrides, swaps and filled weekend slots in tables of their own so that each event is
 * one small write. The on-call queries compute who is on call at any instant from it; they read
 * whole documents from an in-memory copy that each commit updates with what its events changed
 * (no reload: a rotation with years of overrides costs the same to change as a new one).
 */
@ReadModelProjection()
@Injectable()
export class CurrentOnCallProjection implements Projection {
  readonly name = 'current-on-call';
  readonly version = 4;
  private db?: Database;
  private responders?: Map<string, Responder>;
  private rotations?: Map<string, Rotation>;
  private readonly changed = {
    responders: new BatchChanges<ResponderCore, ResponderLists>(),
    rotations: new BatchChanges<RotationCore, RotationLists>(),
  };

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS schedule_responders (responder_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS schedule_rotations (rotation_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      ${ownedTable('schedule_unavailability')}
      ${ownedTable('schedule_overrides')}
      ${ownedTable('schedule_swaps')}
      ${ownedTable('schedule_slots')}
    `);
  }

  tearDown(db: Database): void {
    for (const table of ['responders', 'unavailability', 'rotations', 'overrides', 'swaps', 'slots']) {
      db.exec(`DROP TABLE IF EXISTS schedule_${table}`);
    }
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (!SCHEDULE_EVENT_TYPES.has(recorded.type)) return;
    const event = toDomainEvent<ScheduleEvent>(recorded);
    switch (event.type) {
      case 'ResponderRegistered':
      case 'ResponderOnCallRestrictionChanged':
      case 'ResponderUpdated':
      case 'ResponderDeactivated': {
        const id = event.data.responderId;
        const current = this.loadResponderCore(db, id);
        const next = responderDecider.evolve(current && { ...current, unavailability: [] }, event);
        const changes = this.changed.responders.of(id);
        if (next) {
          const { unavailability: _, ...core } = next;
          changes.core = write(
            db,
            'INSERT OR REPLACE INTO schedule_responders (responder_id, doc) VALUES (?, ?)',
            id,
            core,
          );
        }
        break;
      }
      case 'ResponderUnavailabilityMarked': {
        const { responderId, spanId } = event.data;
        const span = insertOwned(db, 'schedule_unavailability', responderId, recorded, spanId);
        this.changed.responders.of(responderId).added('unavailability', spanId, span);
        break;
      }
      case 'ResponderUnavailabilityCleared':
        deleteOwned(db, 'schedule_unavailability', event.data.responderId, event.data.spanId);
        this.changed.responders.of(event.data.responderId).removed('unavailability', event.data.spanId);
        break;
      case 'RotationCreated':
      case 'RotationParticipantAdded':
      case 'RotationParticipantRemoved':
      case 'RotationShadowAdded':
      case 'RotationShadowRemoved':
      case 'RotationUpdated':
      case 'RotationTimeZoneChanged':
      case 'ShiftPatternChanged':
      case 'RotationParticipantsReordered':
      case 'RotationArchived': {
        const id = event.data.rotationId;
        const current = this.loadRotationCore(db, id);
        const next = rotationDecider.evolve(current && { ...current, overrides: [], swaps: [] }, event);
        const changes = this.changed.rotations.of(id);
        if (next) {
          const { overrides: _, swaps: __, slots: ___, ...core } = next;
          changes.core = write(
            db,
            'INSERT OR REPLACE INTO schedule_rotations (rotation_id, doc) VALUES (?, ?)',
            id,
            core,
          );
        }
        break;
      }
      case 'OverrideScheduled': {
        const { rotationId, overrideId } = event.data;
        const override = insertOwned(db, 'schedule_overrides', rotationId, recorded, overrideId);
        this.changed.rotations.of(rotationId).added('overrides', overrideId, override);
        break;
      }
      case 'OverrideCancelled':
        deleteOwned(db, 'schedule_overrides', event.data.rotationId, event.data.overrideId);
        this.changed.rotations.of(event.data.rotationId).removed('overrides', event.data.overrideId);
        break;
      case 'ShiftsSwapped': {
        const { rotationId, swapId } = event.data;
        const swap = insertOwned(db, 'schedule_swaps', rotationId, recorded, swapId);
        this.changed.rotations.of(rotationId).added('swaps', swapId, swap);
        break;
      }
      case 'SlotAssigned': {
        const { roundId, slotId, responderId, start, end, how, rotationId } = event.data;
        const slot: AssignedSlot = { roundId, slotId, responderId, start, end, how };
        const doc = JSON.stringify(slot);
        cachedStatement(
          db,
          'INSERT OR REPLACE INTO schedule_slots (position, owner, item_id, doc) VALUES (?, ?, ?, ?)',
        ).run(recorded.position, rotationId, slotId, doc);
        this.changed.rotations.of(rotationId).added('slots', slotId, doc);
        break;
      }
    }
  }

  /** Brings the in-memory copies (when loaded) up to what the batch committed; a reset drops them. */
  afterCommit(events: RecordedEvent[]): void {
    if (events.length === 0) {
      this.responders = undefined;
      this.rotations = undefined;
    }
    if (this.responders) {
      for (const [id, changes] of this.changed.responders.entries()) {
        const current = this.responders.get(id);
        refresh(this.responders, id, current ? changes.applyTo(current, responderItemIds) : this.loadResponder(id));
      }
    }
    if (this.rotations) {
      for (const [id, changes] of this.changed.rotations.entries()) {
        const current = this.rotations.get(id);
        refresh(this.rotations, id, current ? changes.applyTo(current, rotationItemIds) : this.loadRotation(id));
      }
    }
    this.afterRollback();
  }

  afterRollback(): void {
    this.changed.responders.clear();
    this.changed.rotations.clear();
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
    if (!this.responders) {
      const spans = groupBy(this.rows('SELECT owner, doc FROM schedule_unavailability ORDER BY position'));
      this.responders = new Map(
        this.rows('SELECT responder_id AS owner, doc FROM schedule_responders').map(({ owner, doc }) => [
          owner,
          { ...(JSON.parse(doc) as ResponderCore), unavailability: (spans.get(owner) ?? []) as UnavailableSpan[] },
        ]),
      );
    }
    return this.responders;
  }

  private rotationCache(): Map<string, Rotation> {
    if (!this.rotations) {
      const overrides = groupBy(this.rows('SELECT owner, doc FROM schedule_overrides ORDER BY position'));
      const swaps = groupBy(this.rows('SELECT owner, doc FROM schedule_swaps ORDER BY position'));
      const slots = groupBy(this.rows('SELECT owner, doc FROM schedule_slots ORDER BY position'));
      this.rotations = new Map(
        this.rows('SELECT rotation_id AS owner, doc FROM schedule_rotations').map(({ owner, doc }) => [
          owner,
          {
            ...(JSON.parse(doc) as RotationCore),
            overrides: (overrides.get(owner) ?? []) as Override[],
            swaps: (swaps.get(owner) ?? []) as Swap[],
            slots: (slots.get(owner) ?? []) as AssignedSlot[],
          },
        ]),
      );
    }
    return this.rotations;
  }

  private loadResponder(id: string): Responder | undefined {
    const core = this.loadResponderCore(this.database(), id);
    if (!core) return undefined;
    const spans = this.docs<UnavailableSpan>(
      'SELECT doc FROM schedule_unavailability WHERE owner = ? ORDER BY position',
      id,
    );
    return { ...core, unavailability: spans };
  }

  private loadRotation(id: string): Rotation | undefined {
    const core = this.loadRotationCore(this.database(), id);
    if (!core) return undefined;
    return {
      ...core,
      overrides: this.docs<Override>('SELECT doc FROM schedule_overrides WHERE owner = ? ORDER BY position', id),
      swaps: this.docs<Swap>('SELECT doc FROM schedule_swaps WHERE owner = ? ORDER BY position', id),
      slots: this.docs<AssignedSlot>('SELECT doc FROM schedule_slots WHERE owner = ? ORDER BY position', id),
    };
  }

  private loadResponderCore(db: Database, id: string): ResponderCore | null {
    return readDoc<ResponderCore>(db, 'SELECT doc FROM schedule_responders WHERE responder_id = ?', id);
  }

  private loadRotationCore(db: Database, id: string): RotationCore | null {
    return readDoc<RotationCore>(db, 'SELECT doc FROM schedule_rotations WHERE rotation_id = ?', id);
  }

  private rows(sql: string): Array<{ owner: string; doc: string }> {
    return cachedStatement<[], { owner: string; doc: string }>(this.database(), sql).all();
  }

  private docs<T>(sql: string, id: string): T[] {
    return cachedStatement<[string], { doc: string }>(this.database(), sql)
      .all(id)
      .map((row) => JSON.parse(row.doc) as T);
  }

  private database(): Database {
    if (!this.db) throw new Error('The current-on-call projection is not set up yet');
    return this.db;
  }
}

/** Writes the row with its last value as JSON; returns that JSON. */
function write(db: Database, sql: string, id: string, doc: unknown): string {
  const json = JSON.stringify(doc);
  cachedStatement(db, sql).run(id, json);
  return json;
}

/**
 * Items an aggregate owns (spans, overrides, swaps), clustered by owner and kept in event order.
 * `doc` is the event's data as stored.
 */
function ownedTable(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
      position INTEGER PRIMARY KEY, owner TEXT NOT NULL, item_id TEXT NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS ${table}_by_owner_item ON ${table} (owner, item_id);`;
}

/** Writes the item's row (the event's data as stored); returns that JSON. */
function insertOwned(db: Database, table: string, owner: string, recorded: RecordedEvent, itemId: string): string {
  const json = JSON.stringify(recorded.data);
  cachedStatement(db, `INSERT OR REPLACE INTO ${table} (position, owner, item_id, doc) VALUES (?, ?, ?, ?)`).run(
    recorded.position,
    owner,
    itemId,
    json,
  );
  return json;
}

function deleteOwned(db: Database, table: string, owner: string, itemId: string): void {
  cachedStatement(db, `DELETE FROM ${table} WHERE owner = ? AND item_id = ?`).run(owner, itemId);
}

function groupBy(rows: Array<{ owner: string; doc: string }>): Map<string, unknown[]> {
  const groups = new Map<string, unknown[]>();
  for (const { owner, doc } of rows) {
    let list = groups.get(owner);
    if (!list) groups.set(owner, (list = []));
    list.push(JSON.parse(doc));
  }
  return groups;
}

function refresh<T>(cache: Map<string, T>, id: string, doc: T | undefined): void {
  if (doc) cache.set(id, doc);
  else cache.delete(id);
}
