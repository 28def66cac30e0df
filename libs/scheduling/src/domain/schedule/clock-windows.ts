import { assertWalkable } from '@app/core/pure';
import type { ClockWindow } from './schedule.types.js';
import { civilDayOf, minutesOf, wallClockInstant, weekdayOf } from './wall-clock.js';

/** Windows are walked day by day over at most this span (see MAX_WALK_DAYS in shift-calendar.ts). */
const MAX_WINDOW_WALK_MS = 1_500 * 86_400_000;

export interface Interval {
  start: number;
  end: number;
}

/** The parts of [start, end) that fall inside the windows (wall-clock, in `zone`), merged. */
export function intersectWithWindows(span: Interval, windows: ClockWindow[], zone: string): Interval[] {
  if (windows.length === 0) return [span];
  assertWalkable('a window walk', span.start, span.end, MAX_WINDOW_WALK_MS);
  const pieces: Interval[] = [];
  const firstDay = civilDayOf(span.start, zone) - 1;
  const lastDay = civilDayOf(span.end, zone);
  for (let day = firstDay; day <= lastDay; day++) {
    for (const window of windows) {
      if (window.weekdays.length > 0 && !window.weekdays.includes(weekdayOf(day))) continue;
      const [from, until] = windowMinutes(window);
      const start = Math.max(span.start, wallClockInstant(day, from, zone));
      const end = Math.min(span.end, wallClockInstant(day, until, zone));
      if (start < end) pieces.push({ start, end });
    }
  }
  return merge(pieces);
}

/**
 * A window's start and end in minutes from the midnight of the day it starts: a window that ends
 * at or before its start time ends the next day (22:00-06:00 covers the night; its weekdays are
 * the days it starts on).
 */
export function windowMinutes(window: ClockWindow): [number, number] {
  const [start, end] = [minutesOf(window.start), minutesOf(window.end)];
  return [start, end > start ? end : end + 1440];
}

/**
 * True when `instant` falls inside one of the windows: what intersectWithWindows answers for
 * [instant, instant + 1), without building the pieces (asked on every on-call answer).
 */
export function insideWindows(instant: number, windows: ClockWindow[], zone: string): boolean {
  if (windows.length === 0) return true;
  assertWalkable('a window walk', instant, instant + 1, MAX_WINDOW_WALK_MS);
  const firstDay = civilDayOf(instant, zone) - 1;
  const lastDay = civilDayOf(instant + 1, zone);
  for (let day = firstDay; day <= lastDay; day++) {
    for (const window of windows) {
      if (window.weekdays.length > 0 && !window.weekdays.includes(weekdayOf(day))) continue;
      const [from, until] = windowMinutes(window);
      // instants are whole milliseconds: [max(instant, start), min(instant + 1, end)) is not empty
      if (wallClockInstant(day, from, zone) <= instant && instant < wallClockInstant(day, until, zone)) return true;
    }
  }
  return false;
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}
