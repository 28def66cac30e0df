import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { cachedStatement, ReadModelProjection, type Projection, type RecordedEvent } from '@app/event-store';
import type { EscalationEvent } from '@app/escalations';
import { handoverDecider, type Handover } from '../domain/handover/handover.decider.js';
import type { HandoverDraftEvent } from '../domain/draft/handover-draft.events.js';
import type { HandoverEvent } from '../domain/handover/handover.events.js';
import { handoverSettingsDecider } from '../domain/settings/handover-settings.decider.js';
import type { HandoverSettingsEvent } from '../domain/settings/handover-settings.events.js';

const HANDOVER_EVENTS = new Set([
  'ShiftBoundaryRecorded',
  'HandoverSummaryWritten',
  'HandoverItemAccepted',
  'HandoverItemOverdue',
]);
const OTHER_EVENTS = new Set([
  'HandoverDraftWritten',
  'HandoverSettingsChanged',
  'EscalationResolved',
  'EscalationDowngraded',
  'DriAssigned',
]);

/**
 * Shift boundaries and their handovers, by rotation and by incoming responder, with one row per
 * item so that the time-driven steps (overdue flags, DRI changes still to apply) are index
 * lookups. It also follows the escalations' own events to know when an item's escalation has
 * closed (nothing left to hand over) and when its handover has made someone DRI.
 */
@ReadModelProjection()
@Injectable()
export class ShiftBoundariesProjection implements Projection {
  readonly name = 'shift-boundaries';
  readonly version = 2;
  private db?: Database;
  /** Each rotation's latest boundary, asked for by the boundary walker every time it polls. */
  private latest?: Map<string, string>;
  private recorded = new Map<string, string>();
  /**
   * The escalations with an item not marked closed yet (maybe a few more): read once, then kept up
   * to date, so that closing one of the many escalations without a handover reads nothing.
   */
  private withOpenItems?: Set<string>;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS handover_boundaries (
        boundary_id TEXT PRIMARY KEY, rotation_id TEXT NOT NULL, at TEXT NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS handover_boundaries_by_rotation ON handover_boundaries (rotation_id, at, boundary_id);
      CREATE TABLE IF NOT EXISTS handover_incoming (
        responder_id TEXT NOT NULL, at TEXT NOT NULL, boundary_id TEXT NOT NULL,
        PRIMARY KEY (responder_id, at, boundary_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS handover_items (
        boundary_id       TEXT NOT NULL,
        escalation_id     TEXT NOT NULL,
        hand_over_by      TEXT NOT NULL,
        accepted_at       TEXT,
        dri_applied       INTEGER NOT NULL DEFAULT 0,
        overdue           INTEGER NOT NULL DEFAULT 0,
        escalation_closed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (boundary_id, escalation_id)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS handover_items_by_escalation ON handover_items (escalation_id);
      CREATE INDEX IF NOT EXISTS handover_items_to_flag ON handover_items (hand_over_by)
        WHERE accepted_at IS NULL AND overdue = 0 AND escalation_closed = 0;
      CREATE INDEX IF NOT EXISTS handover_items_to_apply ON handover_items (accepted_at)
        WHERE accepted_at IS NOT NULL AND dri_applied = 0 AND escalation_closed = 0;
      CREATE TABLE IF NOT EXISTS handover_settings (rotation_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS handover_drafts (escalation_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
    `);
  }

  tearDown(db: Database): void {
    for (const table of ['boundaries', 'incoming', 'items', 'settings', 'drafts'])
      db.exec(`DROP TABLE IF EXISTS handover_${table}`);
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (HANDOVER_EVENTS.has(recorded.type))
      return this.applyHandover({ type: recorded.type, data: recorded.data } as HandoverEvent, db);
    if (!OTHER_EVENTS.has(recorded.type)) return;
    const event = { type: recorded.type, data: recorded.data } as
      EscalationEvent | HandoverSettingsEvent | HandoverDraftEvent;
    switch (event.type) {
      case 'HandoverDraftWritten':
        cachedStatement(db, 'INSERT OR REPLACE INTO handover_drafts (escalation_id, doc) VALUES (?, ?)').run(
          event.data.escalationId,
          JSON.stringify(event.data),
        );
        break;
      case 'HandoverSettingsChanged':
        cachedStatement(db, 'INSERT OR REPLACE INTO handover_settings (rotation_id, doc) VALUES (?, ?)').run(
          event.data.rotationId,
          JSON.stringify(handoverSettingsDecider.evolve(null, event)),
        );
        break;
      case 'EscalationResolved':
      case 'EscalationDowngraded':
        if (!this.escalationsWithOpenItems(db).delete(event.data.escalationId)) break;
        cachedStatement(db, 'UPDATE handover_items SET escalation_closed = 1 WHERE escalation_id = ?').run(
          event.data.escalationId,
        );
        break;
      case 'DriAssigned':
        if (event.data.reason === 'HANDOVER' && event.data.boundaryId) {
          cachedStatement(
            db,
            'UPDATE handover_items SET dri_applied = 1 WHERE boundary_id = ? AND escalation_id = ?',
          ).run(event.data.boundaryId, event.data.escalationId);
        }
        break;
    }
  }

  afterCommit(events: RecordedEvent[]): void {
    if (events.length === 0) {
      this.latest = undefined;
      this.withOpenItems = undefined;
    }
    if (this.latest) {
      for (const [rotationId, at] of this.recorded) {
        if ((this.latest.get(rotationId) ?? '') < at) this.latest.set(rotationId, at);
      }
    }
    this.recorded.clear();
  }

  afterRollback(): void {
    this.recorded.clear();
    this.withOpenItems = undefined;
  }

  private escalationsWithOpenItems(db: Database): Set<string> {
    this.withOpenItems ??= new Set(
      cachedStatement<[], { escalation_id: string }>(
        db,
        'SELECT DISTINCT escalation_id FROM handover_items WHERE escalation_closed = 0',
      )
        .all()
        .map((row) => row.escalation_id),
    );
    return this.withOpenItems;
  }

  /** The instant of the rotation's latest recorded boundary. */
  latestBoundaryAt(rotationId: string): string | undefined {
    if (!this.latest) {
      const rows = cachedStatement<[], { rotation_id: string; at: string }>(
        this.database(),
        'SELECT rotation_id, MAX(at) AS at FROM handover_boundaries GROUP BY rotation_id',
      ).all();
      this.latest = new Map(rows.map((r) => [r.rotation_id, r.at]));
    }
    return this.latest.get(rotationId);
  }

  private database(): Database {
    if (!this.db) throw new Error('The shift-boundaries projection is not set up yet');
    return this.db;
  }

  private applyHandover(event: HandoverEvent, db: Database): void {
    const boundaryId = event.data.boundaryId;
    const row = cachedStatement<[string], { doc: string }>(
      db,
      'SELECT doc FROM handover_boundaries WHERE boundary_id = ?',
    ).get(boundaryId);
    const next = handoverDecider.evolve(row ? (JSON.parse(row.doc) as Handover) : null, event);
    if (!next) return;
    cachedStatement(
      db,
      'INSERT OR REPLACE INTO handover_boundaries (boundary_id, rotation_id, at, doc) VALUES (?, ?, ?, ?)',
    ).run(boundaryId, next.rotationId, next.at, JSON.stringify(next));
    switch (event.type) {
      case 'ShiftBoundaryRecorded':
        if ((this.recorded.get(next.rotationId) ?? '') < next.at) this.recorded.set(next.rotationId, next.at);
        for (const responderId of event.data.incomingIds) {
          cachedStatement(
            db,
            'INSERT OR IGNORE INTO handover_incoming (responder_id, at, boundary_id) VALUES (?, ?, ?)',
          ).run(responderId, event.data.at, boundaryId);
        }
        for (const item of event.data.items) {
          this.escalationsWithOpenItems(db).add(item.escalationId);
          cachedStatement(
            db,
            'INSERT OR IGNORE INTO handover_items (boundary_id, escalation_id, hand_over_by) VALUES (?, ?, ?)',
          ).run(boundaryId, item.escalationId, event.data.handOverBy);
        }
        break;
      case 'HandoverItemAccepted':
        cachedStatement(
          db,
          'UPDATE handover_items SET accepted_at = ? WHERE boundary_id = ? AND escalation_id = ?',
        ).run(event.data.at, boundaryId, event.data.escalationId);
        break;
      case 'HandoverItemOverdue':
        cachedStatement(db, 'UPDATE handover_items SET overdue = 1 WHERE boundary_id = ? AND escalation_id = ?').run(
          boundaryId,
          event.data.escalationId,
        );
        break;
      default:
        break;
    }
  }
}
