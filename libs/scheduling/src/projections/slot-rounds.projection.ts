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
import { slotRoundDecider, type RoundSlot, type SlotRound } from '../domain/slot-round/slot-round.decider.js';
import {
  SLOT_ROUND_EVENT_TYPES,
  type SlotAssignmentExplanation,
  type SlotRoundEvent,
} from '../domain/slot-round/slot-round.events.js';

const TYPES = new Set<string>(SLOT_ROUND_EVENT_TYPES);

/**
 * Weekend and holiday slot rounds: their slots, volunteers, assignments with explanations, and
 * deadlines. Explanations (one per slot, each listing up to 500 candidates) are rows of their
 * own, so recording a slot rewrites the round's small document, not every explanation.
 */
@ReadModelProjection()
@Injectable()
export class SlotRoundsProjection implements Projection {
  readonly name = 'slot-rounds';
  readonly version = 2;
  private db?: Database;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS slot_rounds (
        round_id    TEXT PRIMARY KEY,
        rotation_id TEXT NOT NULL,
        first_start TEXT NOT NULL,
        last_end    TEXT NOT NULL,
        deadline    TEXT NOT NULL,
        closed      INTEGER NOT NULL,
        doc         TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS slot_rounds_open_by_deadline ON slot_rounds (closed, deadline);
      CREATE INDEX IF NOT EXISTS slot_rounds_by_rotation ON slot_rounds (rotation_id, first_start);
      CREATE TABLE IF NOT EXISTS slot_explanations (
        round_id TEXT NOT NULL,
        slot_id  TEXT NOT NULL,
        doc      TEXT NOT NULL,
        PRIMARY KEY (round_id, slot_id)
      ) WITHOUT ROWID;
    `);
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS slot_rounds; DROP TABLE IF EXISTS slot_explanations');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (!TYPES.has(recorded.type)) return;
    const event = toDomainEvent<SlotRoundEvent>(recorded);
    const evolved = slotRoundDecider.evolve(this.load(db, event.data.roundId), event);
    if (!evolved) return;
    if ((event.type === 'SlotAssigned' || event.type === 'SlotLeftOpen') && event.data.explanation) {
      cachedStatement(db, 'INSERT OR REPLACE INTO slot_explanations (round_id, slot_id, doc) VALUES (?, ?, ?)').run(
        event.data.roundId,
        event.data.slotId,
        JSON.stringify(event.data.explanation),
      );
    }
    const next = { ...evolved, slots: evolved.slots.map(({ explanation: _, ...slot }) => slot) };
    const starts = next.slots.map((s) => s.start).sort();
    const ends = next.slots.map((s) => s.end).sort();
    cachedStatement(
      db,
      `INSERT OR REPLACE INTO slot_rounds (round_id, rotation_id, first_start, last_end, deadline, closed, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      next.roundId,
      next.rotationId,
      starts[0],
      ends[ends.length - 1],
      next.deadline,
      next.closedAt ? 1 : 0,
      JSON.stringify(next),
    );
  }

  /** The round with its slots' explanations. */
  round(roundId: string): SlotRound | undefined {
    const round = this.load(this.database(), roundId);
    return round ? this.withExplanations(round) : undefined;
  }

  /** One slot with its explanation. */
  slot(roundId: string, slotId: string): RoundSlot | undefined {
    const slot = this.load(this.database(), roundId)?.slots.find((s) => s.slotId === slotId);
    if (!slot) return undefined;
    const explanation = readDoc<SlotAssignmentExplanation>(
      this.database(),
      'SELECT doc FROM slot_explanations WHERE round_id = ? AND slot_id = ?',
      roundId,
      slotId,
    );
    return explanation ? { ...slot, explanation } : slot;
  }

  /**
   * Rounds of a rotation, by first slot; only those overlapping [from, to) when given. Without
   * their explanations unless asked for.
   */
  roundsOf(rotationId: string, from?: string, to?: string, { explanations = false } = {}): SlotRound[] {
    return cachedStatement<[string, string, string], { doc: string }>(
      this.database(),
      'SELECT doc FROM slot_rounds WHERE rotation_id = ? AND first_start < ? AND last_end > ? ORDER BY first_start',
    )
      .all(rotationId, to ?? '9999', from ?? '0000')
      .map((row) => JSON.parse(row.doc) as SlotRound)
      .map((round) => (explanations ? this.withExplanations(round) : round));
  }

  /** Open rounds whose deadline has passed, earliest deadline first. */
  dueRounds(now: Date, limit: number): SlotRound[] {
    return cachedStatement<[string, number], { doc: string }>(
      this.database(),
      'SELECT doc FROM slot_rounds WHERE closed = 0 AND deadline <= ? ORDER BY deadline LIMIT ?',
    )
      .all(now.toISOString(), limit)
      .map((row) => JSON.parse(row.doc) as SlotRound);
  }

  private withExplanations(round: SlotRound): SlotRound {
    const rows = cachedStatement<[string], { slot_id: string; doc: string }>(
      this.database(),
      'SELECT slot_id, doc FROM slot_explanations WHERE round_id = ?',
    ).all(round.roundId);
    if (rows.length === 0) return round;
    const explanations = new Map(rows.map((row) => [row.slot_id, row.doc]));
    return {
      ...round,
      slots: round.slots.map((slot) => {
        const doc = explanations.get(slot.slotId);
        return doc ? { ...slot, explanation: JSON.parse(doc) } : slot;
      }),
    };
  }

  /** The round's document, without explanations. */
  private load(db: Database, roundId: string): SlotRound | null {
    return readDoc<SlotRound>(db, 'SELECT doc FROM slot_rounds WHERE round_id = ?', roundId);
  }

  private database(): Database {
    if (!this.db) throw new Error('The slot-rounds projection is not set up yet');
    return this.db;
  }
}
