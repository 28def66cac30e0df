import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, toPage, type Page, type RequestContext } from '@app/core';
import { cachedStatement, READ_MODEL_DATABASE, ReadModelDatabase } from '@app/event-store';
import type { RapidAction } from '../domain/rapid-action/rapid-action.decider.js';
import type { RapidActionUpdateData } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionAccessPolicy } from '../rapid-action-access.policy.js';
import { loadRapidAction } from './rapid-action-status.projection.js';

export interface StoredUpdate extends RapidActionUpdateData {
  /** False once a later version of the same date and scope amended it. */
  current: boolean;
}

export interface RapidActionFilter {
  state?: RapidAction['state'];
  overdue?: boolean;
}

export interface DigestItem {
  action: RapidAction;
  updates: StoredUpdate[];
}

interface UpdateRow {
  current: number;
  doc: string;
}

const toUpdate = (row: UpdateRow): StoredUpdate => ({ ...JSON.parse(row.doc), current: row.current === 1 });

/** Newest date first; within a date, the latest posted first. */
const newestFirst = (a: StoredUpdate, b: StoredUpdate) =>
  a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.postedAt < b.postedAt ? 1 : a.postedAt > b.postedAt ? -1 : 0;

/**
 * Reads the rapid-action status read model for a caller: every answer goes through the access
 * policy, so a confidential action a caller may not see is absent from lists and digests and
 * NOT_FOUND by id.
 */
@Injectable()
export class RapidActionStatusQueries {
  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase,
    private readonly policy: RapidActionAccessPolicy,
  ) {}

  action(context: RequestContext, rapidActionId: string): RapidAction {
    return this.policy.visible(context, loadRapidAction(this.readModels.db, rapidActionId), rapidActionId);
  }

  /** Newest declared first, `first` after the cursor `after` (keyset: declaration time, then id). */
  actions(context: RequestContext, filter: RapidActionFilter, first: number, after?: string | null): Page<RapidAction> {
    const rows = cachedStatement<[{ state: string | null; overdue: number | null }], { doc: string }>(
      this.readModels.db,
      `SELECT doc FROM rapid_actions
       WHERE (@state IS NULL OR state = @state) AND (@overdue IS NULL OR overdue = @overdue)
       ORDER BY declared_at DESC, rapid_action_id`,
    ).all({ state: filter.state ?? null, overdue: filter.overdue === undefined ? null : Number(filter.overdue) });
    const visible = rows
      .map((row) => JSON.parse(row.doc) as RapidAction)
      .filter((action) => this.policy.canSee(context, action));
    const start = after == null ? 0 : positionAfter(visible, decodeCursor(after, 2) as [string, string]);
    return toPage(
      visible.slice(start, start + first + 1),
      first,
      visible.length,
      (action) => [action.declaredAt, action.rapidActionId],
      (action) => action,
    );
  }

  /**
   * Every version of the action's updates, newest first. Only for an action the caller was
   * allowed to read (`action()` or `actions()`).
   */
  updatesOf(action: RapidAction): StoredUpdate[] {
    return cachedStatement<[string], UpdateRow>(
      this.readModels.db,
      'SELECT current, doc FROM rapid_action_updates WHERE rapid_action_id = ?',
    )
      .all(action.rapidActionId)
      .map(toUpdate)
      .sort(newestFirst);
  }

  /** The daily digest: the current version of every update dated `date`, by action (newest declared first). */
  digest(context: RequestContext, date: string): DigestItem[] {
    const updates = cachedStatement<[string], UpdateRow & { rapid_action_id: string }>(
      this.readModels.db,
      'SELECT rapid_action_id, current, doc FROM rapid_action_updates WHERE date = ? AND current = 1',
    ).all(date);
    const byAction = new Map<string, StoredUpdate[]>();
    for (const row of updates) {
      const list = byAction.get(row.rapid_action_id) ?? [];
      byAction.set(row.rapid_action_id, [...list, toUpdate(row)]);
    }
    return [...byAction.entries()]
      .map(([id, list]) => ({ action: loadRapidAction(this.readModels.db, id)!, updates: list.sort(newestFirst) }))
      .filter((item) => item.action && this.policy.canSee(context, item.action))
      .sort((a, b) => (a.action.declaredAt < b.action.declaredAt ? 1 : -1));
  }

  /** Open actions whose update deadline has passed and that are not yet marked overdue, earliest first. */
  dueForOverdue(now: Date, limit: number): Array<{ rapidActionId: string; dueBy: string }> {
    return cachedStatement<[string, number], { rapid_action_id: string; update_due_by: string }>(
      this.readModels.db,
      `SELECT rapid_action_id, update_due_by FROM rapid_actions
       WHERE state = 'open' AND overdue = 0 AND update_due_by <= ?
       ORDER BY update_due_by LIMIT ?`,
    )
      .all(now.toISOString(), limit)
      .map((row) => ({ rapidActionId: row.rapid_action_id, dueBy: row.update_due_by }));
  }
}

/** The index of the first action after the key, in the order newest declared first, then by id. */
function positionAfter(actions: RapidAction[], [declaredAt, rapidActionId]: [string, string]): number {
  const index = actions.findIndex(
    (action) =>
      action.declaredAt < declaredAt || (action.declaredAt === declaredAt && action.rapidActionId > rapidActionId),
  );
  return index === -1 ? actions.length : index;
}
