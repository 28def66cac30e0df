import { BadUserInputError } from '../errors/app-error.js';

/** The earliest and latest instants the service takes: years 1970 to 9999 (UTC). */
export const MIN_INSTANT_MS = 0;
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

/** The longest [from, to) a query may ask for (shifts, figures, boundaries). */
export const MAX_RANGE_DAYS = 400;

const DAY_MS = 86_400_000;

export function isSupportedInstant(value: unknown): value is Date {
  if (!(value instanceof Date)) return false;
  const ms = value.getTime();
  return Number.isFinite(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

export interface RangeFields {
  from?: string;
  to?: string;
  maxDays?: number;
}

/**
 * A [from, to) range a query walks: both real instants in 1970-9999, `to` after `from`, at most
 * `maxDays` long. Checked again here (not only by the DateTime scalar), so a caller that bypasses
 * the scalar still cannot start an unbounded walk.
 */
export function assertTimeRange(from: Date, to: Date, fields: RangeFields = {}): void {
  const fromField = fields.from ?? 'from';
  const toField = fields.to ?? 'to';
  const maxDays = fields.maxDays ?? MAX_RANGE_DAYS;
  if (!isSupportedInstant(from)) throw new BadUserInputError(fromField, `${fromField} must be an instant in 1970-9999`);
  if (!isSupportedInstant(to)) throw new BadUserInputError(toField, `${toField} must be an instant in 1970-9999`);
  if (to.getTime() <= from.getTime()) throw new BadUserInputError(toField, `${toField} must be after ${fromField}`);
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new BadUserInputError(toField, `a range from ${fromField} to ${toField} may span at most ${maxDays} days`);
  }
}
