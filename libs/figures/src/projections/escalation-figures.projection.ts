import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  ReadModelProjection,
  toDomainEvent,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
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
  raised_at: string;
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
  readonly version = 1;
  private db?: Database;
  private rows?: EscalationFigureRow[];
  /** Bumped whenever the rows change, so that callers can cache what they computed from them. */
  private revision = 0;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS escalation_figures (
        escalation_id   TEXT PRIMARY KEY,
        rotation_id     TEXT NOT NULL,
        raised_at       TEXT NOT NULL,
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
    const event = toDomainEvent<EscalationEvent>(recorded);
    switch (event.type) {
      case 'EscalationRaised':
        cachedStatement(
          db,
          `INSERT OR IGNORE INTO escalation_figures (escalation_id, rotation_id, raised_at, ack_slo_seconds, seconds_to_ack)
           VALUES (?, ?, ?, ?, NULL)`,
        ).run(
          event.data.escalationId,
          event.data.rotationId,
          new Date(event.data.raisedAt).toISOString(),
          event.data.policy.ackSloMinutes * 60,
        );
        break;
      case 'EscalationRerouted':
        cachedStatement(db, 'UPDATE escalation_figures SET rotation_id = ? WHERE escalation_id = ?').run(
          event.data.rotationId,
          event.data.escalationId,
        );
        break;
      case 'PageAcknowledged': {
        const row = cachedStatement<[string], { raised_at: string; seconds_to_ack: number | null }>(
          db,
          'SELECT raised_at, seconds_to_ack FROM escalation_figures WHERE escalation_id = ?',
        ).get(event.data.escalationId);
        if (!row || row.seconds_to_ack !== null) break;
        cachedStatement(db, 'UPDATE escalation_figures SET seconds_to_ack = ? WHERE escalation_id = ?').run(
          Math.max(0, (Date.parse(event.data.at) - Date.parse(row.raised_at)) / 1000),
          event.data.escalationId,
        );
        break;
      }
    }
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
          raisedAt: Date.parse(row.raised_at),
          ackSloSeconds: row.ack_slo_seconds,
          secondsToAcknowledge: row.seconds_to_ack,
        }));
    }
    return this.rows;
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
