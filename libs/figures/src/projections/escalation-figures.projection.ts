import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { cachedStatement, ReadModelProjection, type Projection, type RecordedEvent } from '@app/event-store';
import type { EscalationEvent } from '@app/escalations';

export interface EscalationFigureRow {
  escalationId: string;
  rotationId: string;
  /** Epoch milliseconds. */
  raisedAt: number;
  ackSloSeconds: number;
  secondsToAcknowledge: number | null;
}

interface Row {
  escalation_id: string;
  rotation_id: string;
  /** Epoch milliseconds. */
  raised_at: number;
  ack_slo_seconds: number;
  seconds_to_ack: number | null;
}

const TYPES = new Set(['EscalationRaised', 'EscalationRerouted', 'PageAcknowledged']);

/**
 * One row per escalation for the volume and acknowledgement figures: when it was raised, the
 * rotation it is routed to (its team counts it), the acknowledgement SLO of the policy it was
 * raised under, and how long until the first page was acknowledged. Queries read an in-memory
 * copy sorted by the time raised, reloaded after a commit that changed it.
 */
@ReadModelProjection()
@Injectable()
export class EscalationFiguresProjection implements Projection {
  readonly name = 'escalation-figures';
  readonly version = 2;
  private db?: Database;
  private rows?: EscalationFigureRow[];
  /** Bumped whenever the rows change, so that callers can cache what they computed from them. */
  private revision = 0;
  /** What the batch did to each escalation, written in `flush`. */
  private readonly pending = new Map<string, PendingFigures>();

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS escalation_figures (
        escalation_id   TEXT PRIMARY KEY,
        rotation_id     TEXT NOT NULL,
        raised_at       INTEGER NOT NULL,
        ack_slo_seconds INTEGER NOT NULL,
        seconds_to_ack  REAL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS escalation_figures_by_raised_at ON escalation_figures (raised_at);
    `);
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS escalation_figures');
  }

  afterCommit(events: RecordedEvent[]): void {
    if (events.length === 0 || events.some((e) => TYPES.has(e.type))) {
      this.rows = undefined;
      this.revision++;
    }
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (!TYPES.has(recorded.type)) return;
    // A recorded event is a domain event with more fields: only its type and data are read.
    const event = recorded as unknown as EscalationEvent;
    const id = event.data.escalationId;
    let pending = this.pending.get(id);
    if (!pending) this.pending.set(id, (pending = { raised: null, changes: [] }));
    switch (event.type) {
      case 'EscalationRaised':
        if (pending.raised) break;
        // Changes before the row existed in this batch go to the stored row (if any) first.
        applyChanges(db, id, pending.changes);
        pending.changes = [];
        pending.raised = {
          rotationId: event.data.rotationId,
          raisedAt: Date.parse(event.data.raisedAt),
          ackSloSeconds: event.data.policy.ackSloMinutes * 60,
        };
        break;
      case 'EscalationRerouted':
        pending.changes.push({ rotationId: event.data.rotationId });
        break;
      case 'PageAcknowledged':
        pending.changes.push({ acknowledgedAt: event.data.at });
        break;
    }
  }

  /** Writes each escalation the batch changed once: its row as the batch leaves it. */
  flush(db: Database): void {
    const insert = cachedStatement(
      db,
      `INSERT OR IGNORE INTO escalation_figures (escalation_id, rotation_id, raised_at, ack_slo_seconds, seconds_to_ack)
       VALUES (?, ?, ?, ?, ?)`,
    );
    for (const [id, { raised, changes }] of this.pending) {
      if (!raised) {
        applyChanges(db, id, changes);
        continue;
      }
      let rotationId = raised.rotationId;
      let secondsToAck: number | null = null;
      for (const change of changes) {
        if ('rotationId' in change) rotationId = change.rotationId;
        else secondsToAck ??= secondsBetween(raised.raisedAt, change.acknowledgedAt);
      }
      const { changes: inserted } = insert.run(id, rotationId, raised.raisedAt, raised.ackSloSeconds, secondsToAck);
      // The escalation's row was already stored: its raise changed nothing, the rest applies to that row.
      if (inserted === 0) applyChanges(db, id, changes);
    }
    this.pending.clear();
  }

  afterRollback(): void {
    this.pending.clear();
  }

  get rowsRevision(): number {
    return this.revision;
  }

  /** Escalations raised in [from, to), oldest first. */
  raisedBetween(from: Date, to: Date): EscalationFigureRow[] {
    const rows = this.allRows();
    return rows.slice(firstAtOrAfter(rows, from.getTime()), firstAtOrAfter(rows, to.getTime()));
  }

  private allRows(): EscalationFigureRow[] {
    if (!this.rows) {
      if (!this.db) throw new Error('The escalation-figures projection is not set up yet');
      this.rows = cachedStatement<[], Row>(this.db, 'SELECT * FROM escalation_figures ORDER BY raised_at')
        .all()
        .map((row) => ({
          escalationId: row.escalation_id,
          rotationId: row.rotation_id,
          raisedAt: row.raised_at,
          ackSloSeconds: row.ack_slo_seconds,
          secondsToAcknowledge: row.seconds_to_ack,
        }));
    }
    return this.rows;
  }
}

type FigureChange = { rotationId: string } | { acknowledgedAt: string };

interface PendingFigures {
  /** The row an `EscalationRaised` of this batch makes (without the changes after it). */
  raised: { rotationId: string; raisedAt: number; ackSloSeconds: number } | null;
  changes: FigureChange[];
}

function secondsBetween(raisedAt: number, acknowledgedAt: string): number {
  return Math.max(0, (Date.parse(acknowledgedAt) - raisedAt) / 1000);
}

/** Applies changes, in order, to the row as stored (none: nothing to change). */
function applyChanges(db: Database, id: string, changes: FigureChange[]): void {
  for (const change of changes) {
    if ('rotationId' in change) {
      cachedStatement(db, 'UPDATE escalation_figures SET rotation_id = ? WHERE escalation_id = ?').run(
        change.rotationId,
        id,
      );
      continue;
    }
    const row = cachedStatement<[string], { raised_at: number; seconds_to_ack: number | null }>(
      db,
      'SELECT raised_at, seconds_to_ack FROM escalation_figures WHERE escalation_id = ?',
    ).get(id);
    if (!row || row.seconds_to_ack !== null) continue;
    cachedStatement(db, 'UPDATE escalation_figures SET seconds_to_ack = ? WHERE escalation_id = ?').run(
      secondsBetween(row.raised_at, change.acknowledgedAt),
      id,
    );
  }
}

function firstAtOrAfter(rows: EscalationFigureRow[], instant: number): number {
  let [low, high] = [0, rows.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle].raisedAt < instant) low = middle + 1;
    else high = middle;
  }
  return low;
}
