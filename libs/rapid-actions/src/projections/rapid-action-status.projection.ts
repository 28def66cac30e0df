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
import { rapidActionDecider, type RapidAction } from '../domain/rapid-action/rapid-action.decider.js';
import type { RapidActionEvent } from '../domain/rapid-action/rapid-action.events.js';

const EVENT_TYPES = new Set<string>([
  'RapidActionDeclared',
  'RapidActionRevised',
  'RapidActionDriChanged',
  'RapidActionStakeholderAdded',
  'RapidActionStakeholderRemoved',
  'RapidActionSubDriAssigned',
  'RapidActionSubDriReleased',
  'RapidActionExitCriterionAdded',
  'RapidActionExitCriterionReworded',
  'RapidActionExitCriterionMet',
  'RapidActionExitCriterionUnmet',
  'RapidActionUpdatePosted',
  'RapidActionUpdateAmended',
  'RapidActionBecameOverdue',
  'RapidActionResolved',
  'RapidActionFollowUpsRecorded',
  'RapidActionRetrospectiveRecorded',
  'RapidActionMadePublic',
] satisfies Array<RapidActionEvent['type']>);

/**
 * The "rapid-action status" read model: each action's state folded with the decider's own
 * `evolve` (one document per action, with the columns its lists filter on), and every version
 * of every status update in a table of its own, so that an update is one small write and the
 * daily digest one indexed read.
 */
@ReadModelProjection()
@Injectable()
export class RapidActionStatusProjection implements Projection {
  readonly name = 'rapid-action-status';
  readonly version = 1;

  setUp(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rapid_actions (
        rapid_action_id TEXT PRIMARY KEY,
        state           TEXT NOT NULL,
        overdue         INTEGER NOT NULL,
        update_due_by   TEXT NOT NULL,
        declared_at     TEXT NOT NULL,
        doc             TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS rapid_actions_by_deadline ON rapid_actions (state, overdue, update_due_by);
      CREATE TABLE IF NOT EXISTS rapid_action_updates (
        position        INTEGER PRIMARY KEY,
        rapid_action_id TEXT NOT NULL,
        update_id       TEXT NOT NULL UNIQUE,
        date            TEXT NOT NULL,
        current         INTEGER NOT NULL,
        doc             TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS rapid_action_updates_by_action ON rapid_action_updates (rapid_action_id);
      CREATE INDEX IF NOT EXISTS rapid_action_updates_by_date ON rapid_action_updates (date, current);
    `);
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS rapid_actions; DROP TABLE IF EXISTS rapid_action_updates;');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (!EVENT_TYPES.has(recorded.type)) return;
    const event = toDomainEvent<RapidActionEvent>(recorded);
    const id = event.data.rapidActionId;
    const next = rapidActionDecider.evolve(loadRapidAction(db, id), event);
    if (!next) return;
    cachedStatement(
      db,
      `INSERT OR REPLACE INTO rapid_actions (rapid_action_id, state, overdue, update_due_by, declared_at, doc)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      next.state,
      next.state === 'open' && next.overdueSince ? 1 : 0,
      next.updateDueBy,
      next.declaredAt,
      JSON.stringify(next),
    );
    if (event.type === 'RapidActionUpdatePosted' || event.type === 'RapidActionUpdateAmended') {
      const update = event.data;
      if (update.amendsUpdateId) {
        cachedStatement(db, 'UPDATE rapid_action_updates SET current = 0 WHERE update_id = ?').run(
          update.amendsUpdateId,
        );
      }
      cachedStatement(
        db,
        `INSERT OR REPLACE INTO rapid_action_updates (position, rapid_action_id, update_id, date, current, doc)
         VALUES (?, ?, ?, ?, 1, ?)`,
      ).run(recorded.position, id, update.updateId, update.date, JSON.stringify(update));
    }
  }
}

export function loadRapidAction(db: Database, rapidActionId: string): RapidAction | null {
  return readDoc<RapidAction>(db, 'SELECT doc FROM rapid_actions WHERE rapid_action_id = ?', rapidActionId);
}
