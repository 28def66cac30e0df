import { DateTime } from 'luxon';

/**
 * The daily-update cadence, read on the DRI's wall clock. Business days are Monday to Friday;
 * there is no holiday calendar.
 */
const isWeekend = (day: DateTime) => day.weekday >= 6;

function localDay(instant: string, zone: string): DateTime {
  return DateTime.fromISO(instant, { zone }).startOf('day');
}

function iso(day: DateTime): string {
  return new Date(day.toMillis()).toISOString();
}

/** The calendar date ("YYYY-MM-DD") on a wall clock in `zone` at an instant. */
export function localDate(instant: string, zone: string): string {
  return localDay(instant, zone).toISODate()!;
}

/**
 * The instant an update is overdue after activity at `lastActivityAt`: the end of the next
 * business day (its local midnight) in `zone`. Friday, Saturday and Sunday all lead to the end of Monday.
 */
export function updateDueAfter(lastActivityAt: string, zone: string): string {
  let day = localDay(lastActivityAt, zone).plus({ days: 1 });
  while (isWeekend(day)) day = day.plus({ days: 1 });
  return iso(day.plus({ days: 1 }).startOf('day'));
}

const dayNumber = (day: DateTime) => Math.round(Date.UTC(day.year, day.month - 1, day.day) / 86_400_000);

/**
 * Days from the local date of `from` to the local date of `to` in `zone`: calendar days, and
 * business days (weekdays after `from`'s date, up to and including `to`'s date).
 */
export function daysBetween(from: string, to: string, zone: string): { calendar: number; business: number } {
  const start = localDay(from, zone);
  const end = localDay(to, zone);
  const calendar = Math.max(0, dayNumber(end) - dayNumber(start));
  const fullWeeks = Math.floor(calendar / 7);
  let business = fullWeeks * 5;
  for (
    let day = start.plus({ days: fullWeeks * 7 + 1 });
    dayNumber(day) <= dayNumber(end);
    day = day.plus({ days: 1 })
  ) {
    if (!isWeekend(day)) business += 1;
  }
  return { calendar, business };
}
