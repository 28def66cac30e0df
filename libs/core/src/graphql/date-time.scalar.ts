import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { MAX_INSTANT_MS, MAX_YEAR, MIN_INSTANT_MS, MIN_YEAR } from '../time/time-limits.js';

/** Raised by strict input scalars; format-graphql-error.ts turns it into BAD_USER_INPUT naming the field. */
export class InvalidInputValueError extends Error {
  readonly code = 'BAD_USER_INPUT';
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const EXPECTED = 'an RFC 3339 date-time with an offset, such as 2026-07-15T18:45:00Z or 2026-07-15T14:45:00-04:00';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * What `Date.prototype.toISOString` writes, for the years 1000-9999, several times faster (V8's
 * own goes through its date cache; answers hold many dates); other years go to toISOString.
 */
export function isoInstant(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return (
    `${year}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}` +
    `T${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}` +
    `.${ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : ms}Z`
  );
}

/**
 * Reads a strict RFC 3339 date-time: explicit offset or Z, a real calendar date (no roll-over),
 * years 1970-9999, offsets within ±23:59, the instant itself within 1970-9999 UTC.
 */
export function parseStrictDateTime(text: string): Date {
  const match = text.length <= 40 ? RFC3339.exec(text) : null;
  if (!match) throw new InvalidInputValueError(`must be ${EXPECTED}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw new InvalidInputValueError(`must be in the years ${MIN_YEAR}-${MAX_YEAR}`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidInputValueError(`must be a real calendar date (${match[0].slice(0, 10)} does not exist)`);
  }
  if (hour > 23 || minute > 59 || second > 59) throw new InvalidInputValueError('must be a real time of day');
  let offsetMinutes = 0;
  if (match[9]) {
    const [offsetHours, offsetRest] = [Number(match[10]), Number(match[11])];
    if (offsetHours > 23 || offsetRest > 59) throw new InvalidInputValueError('must have an offset within ±23:59');
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const fraction = match[7] ? Math.floor(Number(`0${match[7]}`) * 1000) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * 60_000;
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new InvalidInputValueError(`must be an instant in the years ${MIN_YEAR}-${MAX_YEAR} (UTC)`);
  }
  return new Date(ms);
}

function fromInput(value: unknown): Date {
  if (typeof value !== 'string') throw new InvalidInputValueError(`must be a string: ${EXPECTED}`);
  return parseStrictDateTime(value);
}

/**
 * The one DateTime scalar of the schema (every `Date` field and argument maps to it, see
 * graphql.config.ts): answers are ISO instants in UTC; inputs must be strict RFC 3339.
 */
export const StrictDateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: `${EXPECTED[0].toUpperCase()}${EXPECTED.slice(1)}; real calendar dates, years ${MIN_YEAR}-${MAX_YEAR}. Answers are in UTC.`,
  serialize(value: unknown): string {
    const date =
      value instanceof Date
        ? value
        : typeof value === 'string' || typeof value === 'number'
          ? new Date(value)
          : undefined;
    if (!date || !Number.isFinite(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return isoInstant(date);
  },
  parseValue: fromInput,
  parseLiteral(node: ValueNode): Date {
    if (node.kind !== Kind.STRING) throw new InvalidInputValueError(`must be a string: ${EXPECTED}`);
    return fromInput(node.value);
  },
});
