import { daysInMonth } from '../graphql/date-time.scalar.js';
import { MAX_YEAR, MIN_YEAR } from '../time/time-limits.js';
import { isIanaTimeZone } from '../time/time-zone.js';
import { registerDecorator, type ValidationOptions } from 'class-validator';

function define(name: string, message: string, test: (value: unknown) => boolean) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}`, ...options },
      validator: { validate: test },
    });
}

/** An IANA time zone name such as America/New_York. */
export const IsIanaTimeZone = define(
  'isIanaTimeZone',
  'must be an IANA time zone such as America/New_York',
  isIanaTimeZone,
);

export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** A wall-clock time "HH:mm". */
export const IsLocalTime = define(
  'isLocalTime',
  'must be a time of day as HH:mm',
  (v) => typeof v === 'string' && LOCAL_TIME_PATTERN.test(v),
);

/** A wall-clock time "HH:mm", or "24:00" for the end of a day. */
export const IsLocalTimeOrMidnightEnd = define(
  'isLocalTimeOrMidnightEnd',
  'must be a time of day as HH:mm (24:00 for the end of the day)',
  (v) => typeof v === 'string' && (v === '24:00' || LOCAL_TIME_PATTERN.test(v)),
);

/** A real calendar date (no roll-over: 2026-02-30 is refused) in the years 1970-9999. */
function isRealDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  return (
    year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** A calendar date "YYYY-MM-DD", real, in the years 1970-9999. */
export const IsLocalDate = define(
  'isLocalDate',
  'must be a real date as YYYY-MM-DD in the years 1970-9999',
  (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v),
);

/** A wall-clock date and time without zone, "YYYY-MM-DDTHH:mm", real, in the years 1970-9999. */
export const IsLocalDateTime = define(
  'isLocalDateTime',
  'must be a real local date and time as YYYY-MM-DDTHH:mm in the years 1970-9999',
  (v) => typeof v === 'string' && LOCAL_DATE_TIME_PATTERN.test(v) && isRealDate(v),
);
