import { DateTime, Duration } from 'luxon';
import type { Weekday } from './schedule.types.js';

/** Minutes since midnight of "HH:mm" (and "24:00" → 1440). */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A calendar date, as midnight UTC, so that day arithmetic never meets a DST change. */
export function calendarDate(isoDate: string): DateTime {
  return DateTime.fromISO(isoDate, { zone: 'utc' });
}

export function calendarDateOf(instant: DateTime, zone: string): DateTime {
  const local = instant.setZone(zone);
  return DateTime.utc(local.year, local.month, local.day);
}

/**
 * The instant at which a wall clock in `zone` shows `date` + `minutes`. In a spring-forward gap
 * the clock time does not exist and the instant moves forward by the gap, as Luxon does.
 */
export function wallClockInstant(date: DateTime, minutes: number, zone: string): DateTime {
  const day = date.plus({ days: Math.floor(minutes / 1440) });
  const rest = minutes % 1440;
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(rest / 60), minute: rest % 60 },
    { zone },
  );
}

/** Adds a duration as a wall clock would (12:00 + 6 h = 18:00 local, even across a DST change). */
export function plusWallClock(instant: DateTime, duration: Duration, zone: string): DateTime {
  const local = instant.setZone(zone);
  const shifted = DateTime.utc(local.year, local.month, local.day, local.hour, local.minute, local.second).plus(duration);
  return DateTime.fromObject(
    {
      year: shifted.year,
      month: shifted.month,
      day: shifted.day,
      hour: shifted.hour,
      minute: shifted.minute,
      second: shifted.second,
    },
    { zone },
  );
}

export function weekdayOf(date: DateTime): Weekday {
  return date.weekday as Weekday;
}

export function daysBetween(from: DateTime, to: DateTime): number {
  return Math.round(to.diff(from, 'days').days);
}

/** "2026-03-08T02:30" read on a wall clock in `zone`, as an ISO instant (UTC). */
export function localDateTimeToInstant(localDateTime: string, zone: string): string {
  const instant = DateTime.fromISO(localDateTime, { zone });
  if (!instant.isValid) throw new Error(`Invalid local date-time ${localDateTime} in ${zone}`);
  return instant.toUTC().toISO()!;
}
