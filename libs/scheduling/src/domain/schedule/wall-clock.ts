import { DateTime, Duration } from 'luxon';
import { WalkLimitExceededError } from '@app/core';
import type { Weekday } from './schedule.types.js';

/**
 * Wall-clock arithmetic. Calendar dates are plain day numbers (days since 1970-01-01), so day
 * arithmetic is integer arithmetic and never meets a DST change; only converting between a
 * wall clock and an instant involves a zone, through Luxon (IANA rules via Intl).
 */
export type CivilDay = number;

const DAY_MS = 86_400_000;

/** Minutes since midnight of "HH:mm" (and "24:00" → 1440). */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** "YYYY-MM-DD" → day number. */
export function civilDay(isoDate: string): CivilDay {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

export function weekdayOf(day: CivilDay): Weekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as Weekday;
}

interface LocalDay {
  /** Instants of this day's local midnight and the next one. */
  start: number;
  end: number;
  /** The UTC offset (minutes) for the whole day from 00:00, or undefined when it changes that day. */
  offset?: number;
}

/**
 * Zone rules come from Luxon (IANA data via Intl), which is slow to ask. They are asked once per
 * zone and calendar day; on the ~363 days a year without a change, wall clock and instant then
 * differ by a constant offset. Days with a change go to Luxon every time.
 */
const localDays = new Map<string, LocalDay>();
const MAX_LOCAL_DAYS = 200_000;

function localDay(zone: string, day: CivilDay): LocalDay {
  const key = `${zone}|${day}`;
  let info = localDays.get(key);
  if (!info) {
    if (localDays.size >= MAX_LOCAL_DAYS) localDays.clear();
    const start = luxonWallClock(day, 0, zone);
    const end = luxonWallClock(day + 1, 0, zone);
    const steady = start.offset === end.offset && start.toMillis() === day * DAY_MS - start.offset * 60_000;
    info = { start: start.toMillis(), end: end.toMillis(), offset: steady ? start.offset : undefined };
    localDays.set(key, info);
  }
  return info;
}

function luxonWallClock(day: CivilDay, minutes: number, zone: string): DateTime {
  const date = new Date((day + Math.floor(minutes / 1440)) * DAY_MS);
  const rest = minutes % 1440;
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(rest / 60),
      minute: rest % 60,
    },
    { zone },
  );
}

/** The local calendar day at an instant. */
export function civilDayOf(instant: number, zone: string): CivilDay {
  if (!Number.isFinite(instant)) throw new WalkLimitExceededError('an instant must be a real date');
  const utcDay = Math.floor(instant / DAY_MS);
  for (const day of [utcDay, utcDay - 1, utcDay + 1]) {
    const info = localDay(zone, day);
    if (info.start <= instant && instant < info.end) return day;
  }
  throw new Error(`No local day in ${zone} holds ${new Date(instant).toISOString()}`);
}

/**
 * The instant (epoch ms) at which a wall clock in `zone` shows `day` + `minutes`. In a
 * spring-forward gap the clock time does not exist and the instant moves forward by the gap,
 * as Luxon does.
 */
export function wallClockInstant(day: CivilDay, minutes: number, zone: string): number {
  const target = day + Math.floor(minutes / 1440);
  const rest = minutes % 1440;
  const { offset } = localDay(zone, target);
  if (offset !== undefined) return target * DAY_MS + (rest - offset) * 60_000;
  return luxonWallClock(target, rest, zone).toMillis();
}

/** Adds a duration as a wall clock would (12:00 + 6 h = 18:00 local, even across a DST change). */
export function plusWallClock(instant: number, duration: Duration, zone: string): number {
  const day = civilDayOf(instant, zone);
  const { start, offset } = localDay(zone, day);
  const minuteOfDay =
    offset !== undefined
      ? (instant - start) / 60_000
      : (() => {
          const local = DateTime.fromMillis(instant, { zone });
          return local.hour * 60 + local.minute + local.second / 60;
        })();
  return wallClockInstant(day, minuteOfDay + duration.as('minutes'), zone);
}

/** "2026-03-08T02:30" read on a wall clock in `zone`, as an ISO instant (UTC). */
export function localDateTimeToInstant(localDateTime: string, zone: string): string {
  const instant = DateTime.fromISO(localDateTime, { zone });
  if (!instant.isValid) throw new Error(`Invalid local date-time ${localDateTime} in ${zone}`);
  return instant.toUTC().toISO()!;
}
