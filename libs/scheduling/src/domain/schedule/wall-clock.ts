import { DateTime, Duration, IANAZone } from 'luxon';
import { WalkLimitExceededError } from '@app/core/pure';
import type { Weekday } from './schedule.types.js';

/**
 * Wall-clock arithmetic. Calendar dates are plain day numbers (days since 1970-01-01), so day
 * arithmetic is integer arithmetic and never meets a DST change; only converting between a
 * wall clock and an instant involves a zone, through Luxon (IANA rules via Intl).
 */
export type CivilDay = number;

const DAY_MS = 86_400_000;

const minutesByTime = new Map<string, number>();
const MAX_REMEMBERED_TIMES = 4_096;

/** Minutes since midnight of "HH:mm" (and "24:00" → 1440). Every walk over windows asks again: remembered. */
export function minutesOf(time: string): number {
  let minutes = minutesByTime.get(time);
  if (minutes === undefined) {
    const [h, m] = time.split(':').map(Number);
    minutes = h * 60 + m;
    if (minutesByTime.size >= MAX_REMEMBERED_TIMES) minutesByTime.clear();
    minutesByTime.set(time, minutes);
  }
  return minutes;
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
const localDays = new Map<string, Map<CivilDay, LocalDay>>();
const MAX_LOCAL_DAYS = 200_000;
let localDayCount = 0;

function localDay(zone: string, day: CivilDay): LocalDay {
  let days = localDays.get(zone);
  if (!days) localDays.set(zone, (days = new Map()));
  let info = days.get(day);
  if (!info) {
    if (localDayCount >= MAX_LOCAL_DAYS) {
      for (const known of localDays.values()) known.clear();
      localDayCount = 0;
    }
    const start = resolveWallClock(day * DAY_MS, zone);
    const end = resolveWallClock((day + 1) * DAY_MS, zone);
    const offset = offsetAt(zone, start);
    const steady =
      offset === offsetAt(zone, end) &&
      start === day * DAY_MS - offset * 60_000 &&
      end === (day + 1) * DAY_MS - offset * 60_000;
    info = { start, end, offset: steady ? offset : undefined };
    days.set(day, info);
    localDayCount += 1;
  }
  return info;
}

/** The zone's UTC offset (minutes) at an instant, from the IANA rules (Luxon, via Intl). */
function offsetAt(zone: string, instant: number): number {
  return IANAZone.create(zone).offset(instant);
}

/**
 * The instant a wall clock in `zone` reads `local` (the wall-clock time written as if it were
 * UTC milliseconds), by the rules stated in the README (RFC 5545):
 * - a time that occurs twice (clocks going back) is its first occurrence;
 * - a time that does not exist (clocks going forward) is the first instant after the gap,
 *   i.e. the instant of the change itself (02:30 on a night that skips 02:00-03:00 → 03:00).
 * Zone rules are assumed to change at most once within a day of `local`.
 */
export function resolveWallClock(local: number, zone: string): number {
  const before = offsetAt(zone, local - DAY_MS);
  const after = offsetAt(zone, local + DAY_MS);
  const readings = [...new Set([before, after])]
    .map((offset) => local - offset * 60_000)
    .filter((instant) => local - offsetAt(zone, instant) * 60_000 === instant);
  if (readings.length > 0) return Math.min(...readings);
  // In a gap: the change lies between the reading with the later offset and the one with the earlier.
  let low = local - after * 60_000;
  let high = local - before * 60_000;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(zone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
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
 * The instant (epoch ms) at which a wall clock in `zone` shows `day` + `minutes`; on the days
 * the clocks change, by the rules of resolveWallClock (first occurrence; after a gap, its end).
 */
export function wallClockInstant(day: CivilDay, minutes: number, zone: string): number {
  const target = day + Math.floor(minutes / 1440);
  const rest = minutes % 1440;
  const { offset } = localDay(zone, target);
  if (offset !== undefined) return target * DAY_MS + (rest - offset) * 60_000;
  return resolveWallClock(target * DAY_MS + rest * 60_000, zone);
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

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-03-08T02:30" read on a wall clock in `zone`, as an ISO instant (UTC), by the rules of
 * resolveWallClock: 02:30 on the night New York skips 02:00-03:00 is 03:00 EDT (07:00Z).
 */
export function localDateTimeToInstant(localDateTime: string, zone: string): string {
  const match = LOCAL_DATE_TIME.exec(localDateTime);
  if (!match || !IANAZone.isValidZone(zone)) throw new Error(`Invalid local date-time ${localDateTime} in ${zone}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`Invalid local date-time ${localDateTime} in ${zone}`);
  }
  return new Date(resolveWallClock(local, zone)).toISOString();
}
