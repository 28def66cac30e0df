import type { RapidAction } from './rapid-action.decider.js';
import type { RapidActionUpdateData, SubDriScope } from './rapid-action.events.js';

export interface OpenBlocker {
  /** Null: from the DRI's update on the whole action. */
  scope: SubDriScope | null;
  blockers: string;
  date: string;
  updateId: string;
}

const scopeKey = (scope: SubDriScope | null) =>
  scope ? `${scope.kind}:${scope.description.trim().toLowerCase()}` : 'whole';

const newer = (a: RapidActionUpdateData, b: RapidActionUpdateData) =>
  a.date !== b.date ? a.date > b.date : a.postedAt > b.postedAt;

/**
 * The blockers still standing: for the whole action (the DRI's updates) and for each scope a
 * sub-DRI holds now, the blockers of its latest update, unless that update says there are none.
 * `updates` are the current versions (amended ones replaced by their amendment).
 */
export function openBlockers(action: RapidAction, updates: readonly RapidActionUpdateData[]): OpenBlocker[] {
  const scopes = new Map<string, SubDriScope | null>([['whole', null]]);
  for (const { scope } of action.subDris) if (!scopes.has(scopeKey(scope))) scopes.set(scopeKey(scope), scope);
  const latest = new Map<string, RapidActionUpdateData>();
  for (const update of updates) {
    const key = scopeKey(update.scope);
    const current = latest.get(key);
    if (!current || newer(update, current)) latest.set(key, update);
  }
  const open: OpenBlocker[] = [];
  for (const [key, scope] of scopes) {
    const update = latest.get(key);
    if (update?.blockers) open.push({ scope, blockers: update.blockers, date: update.date, updateId: update.updateId });
  }
  return open;
}
