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
  raisedAt: string;
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

/**
 * One row per escalation for the volume and acknowledgement figures: when it was raised, the
 * rotation it is routed to (its team counts it), the acknowledgement SLO of the policy it was
 * raised under, and how long until the first page was acknowledged.
 */
@ReadModelProjection()
@Injectable()
export class EscalationFiguresProjection implements Projection {
  readonly name = 'escalation-figures';
  readonly version = 1;
  private db?: Database;

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

  apply(recorded: RecordedEvent, db: Database): void {
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

  /** Escalations raised in [from, to), oldest first. */
  raisedBetween(from: Date, to: Date): EscalationFigureRow[] {
    if (!this.db) throw new Error('The escalation-figures projection is not set up yet');
    return cachedStatement<[string, string], Row>(
      this.db,
      'SELECT * FROM escalation_figures WHERE raised_at >= ? AND raised_at < ? ORDER BY raised_at',
    )
      .all(from.toISOString(), to.toISOString())
      .map((row) => ({
        escalationId: row.escalation_id,
        rotationId: row.rotation_id,
        raisedAt: row.raised_at,
        ackSloSeconds: row.ack_slo_seconds,
        secondsToAcknowledge: row.seconds_to_ack,
      }));
  }
}
