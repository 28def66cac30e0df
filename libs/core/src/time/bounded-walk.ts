import { AppError } from '../errors/app-error.js';
import { checkRequestBudget } from './request-budget.js';

/**
 * A loop over time went past the bound its validated inputs allow: a bug in input checking, or
 * a range handed past the checks. The loop stops with this error instead of spinning.
 */
export class WalkLimitExceededError extends AppError {
  readonly code = 'BAD_USER_INPUT';

  constructor(message: string, field = 'range') {
    super(message, { field });
  }
}

const BUDGET_CHECK_EVERY = 256;

/**
 * A step counter for a loop over time: `step()` once per iteration throws WalkLimitExceededError
 * past `limit` steps, and checks the request's time budget every few hundred steps.
 */
export function boundedWalk(what: string, limit: number, field?: string): () => void {
  if (!Number.isFinite(limit) || limit < 0) throw new WalkLimitExceededError(`${what}: no valid bound`, field);
  let steps = 0;
  return () => {
    steps++;
    if (steps > limit) {
      throw new WalkLimitExceededError(`${what} stopped after ${limit} steps: the range is too long or invalid`, field);
    }
    if (steps % BUDGET_CHECK_EVERY === 0) checkRequestBudget();
  };
}

/** Refuses a walk whose ends are not finite, ordered instants (NaN, Infinity, end before start). */
export function assertWalkable(what: string, from: number, to: number, maxSpanMs: number, field?: string): void {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from || to - from > maxSpanMs) {
    throw new WalkLimitExceededError(
      `${what}: the range must be real instants, in order, at most ${Math.round(maxSpanMs / 86_400_000)} days apart`,
      field,
    );
  }
}
