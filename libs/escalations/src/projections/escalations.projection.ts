import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { cachedStatement, ReadModelProjection, type Projection, type RecordedEvent } from '@app/event-store';
import { escalationDecider, type Escalation } from '../domain/escalation/escalation.decider.js';
import type { EscalationEvent } from '../domain/escalation/escalation.events.js';
import { isOpenState, type NoteKind } from '../domain/escalation/escalation.types.js';
import { decodeEscalationDoc, encodeDocument, encodeEscalationDoc } from './escalation-doc.codec.js';
import { EscalationRowWrites } from './escalation-row-writes.js';

export interface Note {
  noteId: string;
  kind: NoteKind;
  text: string;
  author: string;
  at: string;
}

/** An escalation as the read model keeps it: the decider's state plus its notes' summary. */
export interface EscalationDoc extends Escalation {
  lastNote: Note | null;
  noteCount: number;
}

const MAX_CACHED_DOCS = 20_000;

export type { DueStepKind } from './escalation-row-writes.js';

const ESCALATION_EVENT_TYPES = new Set<string>([
  'EscalationRaised',
  'ResponderPaged',
  'PageAcknowledged',
  'PageResolved',
  'PageTimedOut',
  'PageCancelled',
  'EscalationPolicyExhausted',
  'DriAssigned',
  'EscalationNoteAdded',
  'EscalationMitigated',
  'EscalationResolved',
  'EmergencyQualified',
  'EscalationDowngraded',
  'CustomerContacted',
  'CustomerReplied',
  'CustomerFollowUpDue',
  'CustomerBridgeClosed',
  'EscalationTagged',
  'EscalationRerouted',
  'AlertOccurred',
  'AlertAcknowledged',
] satisfies Array<EscalationEvent['type']>);

/**
 * Escalations for the dashboard: one row per escalation with the columns the filters use
 * (partial indexes over the open ones, so a history of closed escalations costs nothing), its
 * pages and notes, and the time-driven steps due (acknowledgement timeouts, follow-up timers).
 * Documents are buffered per batch and written once in `flush`, in a compact form (escalation-doc.codec.ts).
 */
@ReadModelProjection()
@Injectable()
export class EscalationsProjection implements Projection {
  readonly name = 'escalations';
  readonly version = 6;
  private pending = new Map<string, EscalationDoc>();
  /** The batch's page and due-step rows, written once each in `flush`. */
  private readonly writes = new EscalationRowWrites();
  private db?: Database;
  /** Parsed documents, for the queries; a commit drops the ones it changed. */
  private readonly docs = new Map<string, EscalationDoc>();
  private touched = new Set<string>();
  private changes = 0;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS escalations (
        escalation_id TEXT PRIMARY KEY,
        is_open       INTEGER NOT NULL,
        state         TEXT NOT NULL,
        severity      TEXT NOT NULL,
        raised_at     TEXT NOT NULL,
        rotation_id   TEXT NOT NULL,
        dri_id        TEXT,
        incident_tag  TEXT,
        integration_key_id TEXT,
        dedup_key     TEXT,
        doc           BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS escalations_by_alert
        ON escalations (integration_key_id, dedup_key, raised_at) WHERE integration_key_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS escalations_open
        ON escalations (severity, raised_at, escalation_id) WHERE is_open = 1;
      CREATE INDEX IF NOT EXISTS escalations_open_by_rotation
        ON escalations (rotation_id, severity, raised_at, escalation_id) WHERE is_open = 1;
      CREATE INDEX IF NOT EXISTS escalations_open_by_dri
        ON escalations (dri_id, severity, raised_at, escalation_id) WHERE is_open = 1;
      CREATE INDEX IF NOT EXISTS escalations_by_incident
        ON escalations (incident_tag, severity, raised_at, escalation_id) WHERE incident_tag IS NOT NULL;
      CREATE TABLE IF NOT EXISTS escalation_notes (
        escalation_id TEXT NOT NULL, position INTEGER NOT NULL, doc BLOB NOT NULL,
        PRIMARY KEY (escalation_id, position)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS escalation_pages (
        page_id       TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL,
        rotation_id   TEXT NOT NULL,
        status        TEXT NOT NULL,
        ack_deadline  TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS escalation_pages_triggered
        ON escalation_pages (ack_deadline, page_id) WHERE status = 'TRIGGERED';
      CREATE TABLE IF NOT EXISTS escalation_page_recipients (
        responder_id TEXT NOT NULL, page_id TEXT NOT NULL, PRIMARY KEY (responder_id, page_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS escalation_due_steps (
        task_id       TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL,
        kind          TEXT NOT NULL,
        ref           TEXT NOT NULL,
        due_at        TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS escalation_due_steps_by_time ON escalation_due_steps (due_at, task_id);
      CREATE INDEX IF NOT EXISTS escalation_due_steps_by_escalation ON escalation_due_steps (escalation_id);
    `);
  }

  tearDown(db: Database): void {
    for (const table of [
      'escalations',
      'escalation_notes',
      'escalation_pages',
      'escalation_page_recipients',
      'escalation_due_steps',
    ]) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (!ESCALATION_EVENT_TYPES.has(recorded.type)) return;
    // A recorded event is a domain event with more fields: evolve reads its type and data only.
    const event = recorded as unknown as EscalationEvent;
    const id = event.data.escalationId;
    // Only an escalation with no event yet is raised (the decider's rule): nothing is stored to look up.
    const current = event.type === 'EscalationRaised' ? null : (this.pending.get(id) ?? this.load(db, id));
    const evolved = escalationDecider.evolve(current, event);
    if (!evolved) return;
    // A changed escalation is a new object carrying the note summary over from `current`: ours to complete.
    const doc = (evolved === current ? { ...current } : evolved) as EscalationDoc;
    if (!current) {
      doc.lastNote = null;
      doc.noteCount = 0;
      this.writes.markNew(id);
    }

    switch (event.type) {
      case 'EscalationNoteAdded': {
        const { escalationId: _, ...note } = event.data;
        this.addNote(recorded, doc, note);
        break;
      }
      case 'EscalationMitigated':
        // A mitigation's note is where things stand: it is the escalation's latest note too.
        if (event.data.note) {
          const { note: text, by: author, at } = event.data;
          this.addNote(recorded, doc, { noteId: recorded.id, kind: 'UPDATE', text, author, at });
        }
        break;
      case 'ResponderPaged': {
        const page = event.data;
        this.writes.addPage(page.pageId, id, doc.rotationId, page.ackDeadline, page.recipients);
        this.writes.addDueStep(`ack-timeout:${page.pageId}`, id, 'ACK_TIMEOUT', page.pageId, page.ackDeadline);
        break;
      }
      case 'PageAcknowledged':
      case 'PageResolved':
      case 'PageTimedOut':
      case 'PageCancelled':
        this.pageChanged(doc, event.data.pageId);
        break;
      case 'AlertAcknowledged':
        for (const pageId of event.data.pageIds) this.pageChanged(doc, pageId, 'ACKNOWLEDGED');
        break;
      case 'CustomerContacted':
        this.writes.addDueStep(`follow-up:${id}`, id, 'FOLLOW_UP', id, event.data.followUpDueAt);
        break;
      case 'CustomerFollowUpDue':
        this.writes.removeDueStep(`follow-up:${id}`, id);
        this.writes.addDueStep(`bridge-close:${id}`, id, 'BRIDGE_CLOSE', id, event.data.bridgeClosesAt);
        break;
      case 'CustomerReplied':
      case 'CustomerBridgeClosed':
        this.writes.removeTimers(id);
        break;
      default:
        break;
    }
    if (!isOpenState(doc.state)) this.writes.removeTimers(id);
    this.pending.set(id, doc);
  }

  private addNote(recorded: RecordedEvent, doc: EscalationDoc, note: Note): void {
    this.writes.addNote(recorded.position, doc.escalationId, encodeDocument(note));
    doc.lastNote = note;
    doc.noteCount += 1;
  }

  /** A page's new status (by default as the document now has it; an unknown page: cancelled), its timeout cleared. */
  private pageChanged(doc: EscalationDoc, pageId: string, status?: string): void {
    const page = doc.pages.find((p) => p.pageId === pageId);
    this.writes.setPageStatus(pageId, status ?? page?.status ?? 'CANCELLED', page?.recipients ?? []);
    this.writes.removeDueStep(`ack-timeout:${pageId}`, doc.escalationId);
  }

  flush(db: Database): void {
    const upsert = cachedStatement(
      db,
      `INSERT OR REPLACE INTO escalations
         (escalation_id, is_open, state, severity, raised_at, rotation_id, dri_id, incident_tag,
          integration_key_id, dedup_key, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const doc of this.pending.values()) {
      this.touched.add(doc.escalationId);
      upsert.run(
        doc.escalationId,
        isOpenState(doc.state) ? 1 : 0,
        doc.state,
        doc.severity,
        doc.raisedAt,
        doc.rotationId,
        doc.driId,
        doc.incidentTag,
        doc.alert?.integrationKeyId ?? null,
        doc.alert?.dedupKey ?? null,
        encodeEscalationDoc(doc),
      );
    }
    this.pending.clear();
    this.writes.flush(db);
  }

  afterCommit(events: RecordedEvent[]): void {
    if (events.length === 0) this.docs.clear();
    if (events.length === 0 || this.touched.size > 0) this.changes += 1;
    for (const id of this.touched) this.docs.delete(id);
    this.touched.clear();
  }

  /** Grows with every commit that changed an escalation: results computed at an older value are stale. */
  get changeCount(): number {
    return this.changes;
  }

  afterRollback(): void {
    this.pending.clear();
    this.writes.clear();
    this.touched.clear();
  }

  /** Committed documents by id (parsed once, then kept until they change). */
  documents(ids: readonly string[]): Map<string, EscalationDoc> {
    const found = new Map<string, EscalationDoc>();
    const missing: string[] = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) found.set(id, doc);
      else missing.push(id);
    }
    if (missing.length > 0 && this.db) {
      const rows = cachedStatement<[string], { doc: Buffer }>(
        this.db,
        'SELECT doc FROM escalations WHERE escalation_id IN (SELECT value FROM json_each(?))',
      ).all(JSON.stringify(missing));
      if (this.docs.size + rows.length > MAX_CACHED_DOCS) this.docs.clear();
      for (const row of rows) {
        const doc = decodeEscalationDoc(row.doc);
        this.docs.set(doc.escalationId, doc);
        found.set(doc.escalationId, doc);
      }
    }
    return found;
  }

  private load(db: Database, id: string): EscalationDoc | null {
    const cached = this.docs.get(id);
    if (cached) return cached;
    const row = cachedStatement<[string], { doc: Buffer }>(
      db,
      'SELECT doc FROM escalations WHERE escalation_id = ?',
    ).get(id);
    return row ? decodeEscalationDoc(row.doc) : null;
  }
}
