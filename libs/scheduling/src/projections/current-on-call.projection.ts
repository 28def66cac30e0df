import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, SystemClock, type Clock } from '@app/core';
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
import { BatchChanges, type ListSpecs } from './schedule-cache-changes.js';
import { ScheduleDocuments, type DocumentSource } from './schedule-documents.js';

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

const DAY_MS = 86_400_000;
/** No instant is later (the end of ECMAScript time): an item that stays relevant. */
const FOREVER = 8_640_000_000_000_000;
/** A shift lasts at most a week (plus a daylight-saving hour): a swap matters until its later shift has ended. */
const LONGEST_SHIFT_MS = 8 * DAY_MS;
/** How far back from start-up the in-memory copies keep overrides, swaps, slots and spans. */
const RECENT_MS = 35 * DAY_MS;

const until = (end: string | undefined) => (end === undefined ? FOREVER : Date.parse(end));
const responderLists: ListSpecs<ResponderLists> = {
  unavailability: { idOf: (span: UnavailableSpan) => span.spanId, relevantUntil: (span) => until(span.end) },
};
const rotationLists: ListSpecs<RotationLists> = {
  overrides: { idOf: (override: Override) => override.overrideId, relevantUntil: (o) => until(o.end) },
  swaps: {
    idOf: (swap: Swap) => swap.swapId,
    relevantUntil: (s) => Math.max(Date.parse(s.first.shiftStart), Date.parse(s.second.shiftStart)) + LONGEST_SHIFT_MS,
  },
  slots: { idOf: (slot: AssignedSlot) => slot.slotId, relevantUntil: (slot) => until(slot.end) },
};
const listTables = {
  unavailability: 'schedule_unavailability',
  overrides: 'schedule_overrides',
  swaps: 'schedule_swaps',
  slots: 'schedule_slots',
} as const;

/**
 * The schedule's read model: responders and rotations (folded with the deciders' own `evolve`),
 * with their unavailable spans, overrides, swaps and filled weekend slots in tables of their own so that each event is
 * one small write. The on-call queries compute who is on call at any instant from it; they read
 * documents from in-memory copies that each commit updates with what its events changed (no
 * reload: a rotation with years of overrides costs the same to change as a new one), and that
 * keep only the recent part of each schedule (`ScheduleDocuments`), so a restart reads no history.
 */
@ReadModelProjection()
@Injectable()
export class CurrentOnCallProjection implements Projection {
  readonly name = 'current-on-call';
  readonly version = 5;
  private db?: Database;
  private readonly changed = {
    responders: new BatchChanges<ResponderCore, ResponderLists>(),
    rotations: new BatchChanges<RotationCore, RotationLists>(),
  };
  private readonly responders: ScheduleDocuments<ResponderCore, ResponderLists>;
  private readonly rotations: ScheduleDocuments<RotationCore, RotationLists>;

  constructor(@Optional() @Inject(CLOCK) clock: Clock = new SystemClock()) {
    const now = () => clock.now().getTime();
    this.responders = new ScheduleDocuments(
      this.source<ResponderCore, ResponderLists>('schedule_responders', 'responder_id', responderLists),
      responderLists,
      RECENT_MS,
      now,
    );
    this.rotations = new ScheduleDocuments(
      this.source<RotationCore, RotationLists>('schedule_rotations', 'rotation_id', rotationLists),
      rotationLists,
      RECENT_MS,
      now,
    );
  }

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
        const span = insertOwned(db, 'schedule_unavailability', responderId, recorded, spanId, until(event.data.end));
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
        const override = insertOwned(db, 'schedule_overrides', rotationId, recorded, overrideId, until(event.data.end));
        this.changed.rotations.of(rotationId).added('overrides', overrideId, override);
        break;
      }
      case 'OverrideCancelled':
        deleteOwned(db, 'schedule_overrides', event.data.rotationId, event.data.overrideId);
        this.changed.rotations.of(event.data.rotationId).removed('overrides', event.data.overrideId);
        break;
      case 'ShiftsSwapped': {
        const { rotationId, swapId } = event.data;
        const swap = insertOwned(
          db,
          'schedule_swaps',
          rotationId,
          recorded,
          swapId,
          rotationLists.swaps.relevantUntil(event.data),
        );
        this.changed.rotations.of(rotationId).added('swaps', swapId, swap);
        break;
      }
      case 'SlotAssigned': {
        const { roundId, slotId, responderId, start, end, how, rotationId } = event.data;
        const slot: AssignedSlot = { roundId, slotId, responderId, start, end, how };
        const doc = JSON.stringify(slot);
        cachedStatement(
          db,
          'INSERT INTO schedule_slots (position, owner, item_id, relevant_until, doc) VALUES (?, ?, ?, ?, ?)',
        ).run(recorded.position, rotationId, slotId, until(end), doc);
        this.changed.rotations.of(rotationId).added('slots', slotId, doc);
        break;
      }
    }
  }

  /** Brings the in-memory copies (when loaded) up to what the batch committed; a reset drops them. */
  afterCommit(events: RecordedEvent[]): void {
    if (events.length === 0) {
      this.responders.reset();
      this.rotations.reset();
    }
    this.responders.apply(this.changed.responders);
    this.rotations.apply(this.changed.rotations);
    this.afterRollback();
  }

  afterRollback(): void {
    this.changed.responders.clear();
    this.changed.rotations.clear();
  }

  allResponders(): Responder[] {
    return this.responders.all();
  }

  responder(id: string): Responder | undefined {
    return this.responders.get(id);
  }

  allRotations(): Rotation[] {
    return this.rotations.all();
  }

  rotation(id: string): Rotation | undefined {
    return this.rotations.get(id);
  }

  /**
   * The copy of a rotation from `rotation()` with only the overrides, swaps and slots still
   * relevant at `recentHorizon()`; undefined for a document this read model did not hand out.
   */
  recentRotation(rotation: Rotation): Rotation | undefined {
    return this.rotations.recentOf(rotation as RotationCore & RotationLists);
  }

  /** A responder with only the unavailable spans still relevant at `recentHorizon()`. */
  recentResponder(id: string): Responder | undefined {
    return this.responders.recent(id);
  }

  /** The instant from which the recent copies answer exactly: items relevant only before it are left out. */
  recentHorizon(): number {
    return Math.max(this.rotations.horizon(), this.responders.horizon());
  }

  private source<Core, Lists extends Record<string, unknown[]>>(
    table: string,
    key: string,
    specs: ListSpecs<Lists>,
  ): DocumentSource<Core, Lists> {
    const lists = Object.keys(specs) as Array<keyof Lists & keyof typeof listTables>;
    return {
      cores: () =>
        cachedStatement<[], { id: string; doc: string }>(this.database(), `SELECT ${key} AS id, doc FROM ${table}`)
          .all()
          .map(({ id, doc }) => [id, JSON.parse(doc) as Core]),
      core: (id) => readDoc<Core>(this.database(), `SELECT doc FROM ${table} WHERE ${key} = ?`, id),
      recentLists: (since) => {
        const byOwner = new Map<string, Partial<Lists>>();
        for (const list of lists) {
          const sql = `SELECT owner, doc FROM ${listTables[list]} WHERE relevant_until >= ? ORDER BY position`;
          for (const { owner, doc } of cachedStatement<[number], OwnedRow>(this.database(), sql).all(since)) {
            let owned = byOwner.get(owner);
            if (!owned) byOwner.set(owner, (owned = {}));
            ((owned[list] ??= [] as never) as unknown[]).push(JSON.parse(doc));
          }
        }
        return byOwner;
      },
      lists: (id, since = -FOREVER) => {
        const all = {} as Lists;
        for (const list of lists) {
          const sql = `SELECT doc FROM ${listTables[list]} WHERE owner = ? AND relevant_until >= ? ORDER BY position`;
          all[list] = cachedStatement<[string, number], { doc: string }>(this.database(), sql)
            .all(id, since)
            .map((row) => JSON.parse(row.doc)) as Lists[typeof list];
        }
        return all;
      },
    };
  }

  private loadResponderCore(db: Database, id: string): ResponderCore | null {
    return readDoc<ResponderCore>(db, 'SELECT doc FROM schedule_responders WHERE responder_id = ?', id);
  }

  private loadRotationCore(db: Database, id: string): RotationCore | null {
    return readDoc<RotationCore>(db, 'SELECT doc FROM schedule_rotations WHERE rotation_id = ?', id);
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
      position INTEGER PRIMARY KEY, owner TEXT NOT NULL, item_id TEXT NOT NULL, relevant_until INTEGER NOT NULL,
      doc TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS ${table}_by_owner_item ON ${table} (owner, item_id);
    CREATE INDEX IF NOT EXISTS ${table}_by_relevance ON ${table} (relevant_until);`;
}

/** Writes the item's row (the event's data as stored); returns that JSON. */
function insertOwned(
  db: Database,
  table: string,
  owner: string,
  recorded: RecordedEvent,
  itemId: string,
  relevantUntil: number,
): string {
  const json = JSON.stringify(recorded.data);
  cachedStatement(
    db,
    `INSERT INTO ${table} (position, owner, item_id, relevant_until, doc) VALUES (?, ?, ?, ?, ?)`,
  ).run(recorded.position, owner, itemId, relevantUntil, json);
  return json;
}

function deleteOwned(db: Database, table: string, owner: string, itemId: string): void {
  cachedStatement(db, `DELETE FROM ${table} WHERE owner = ? AND item_id = ?`).run(owner, itemId);
}

interface OwnedRow {
  owner: string;
  doc: string;
}
