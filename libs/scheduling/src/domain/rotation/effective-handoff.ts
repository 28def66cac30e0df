import { BadUserInputError } from '@app/core/pure';
import { ShiftCalendar } from '../schedule/shift-calendar.js';
import type { RotationSchedule } from '../schedule/schedule.types.js';
import { civilDay, wallClockInstant } from '../schedule/wall-clock.js';

const DAY_MS = 86_400_000;

/** When a change takes effect, as its author names it: a local date, or the start of a shift. */
export interface EffectiveFrom {
  /** "YYYY-MM-DD" in the rotation's zone: the first handoff on or after that day's start. */
  fromDate?: string;
  /** The start of one of the rotation's shifts (as listed by `shifts`). */
  fromShiftStart?: string;
}

type Schedule = Pick<RotationSchedule, 'timeZone' | 'startDate' | 'pattern' | 'scheduleChanges'>;

/**
 * The handoff a change takes effect at (epoch ms): every change happens at a handoff, so no shift
 * is split by it. Absent both, `fallback` (now) is used as it is.
 */
export function effectiveHandoff(rotation: Schedule, from: EffectiveFrom, fallback: number): number {
  const calendar = new ShiftCalendar(rotation);
  if (from.fromDate !== undefined && from.fromShiftStart !== undefined) {
    throw new BadUserInputError('fromShiftStart', 'name either fromDate or fromShiftStart, not both');
  }
  if (from.fromShiftStart !== undefined) {
    const start = Date.parse(from.fromShiftStart);
    if (!calendar.shiftStartingAt(start)) {
      throw new BadUserInputError(
        'fromShiftStart',
        `${from.fromShiftStart} is not the start of a shift of this rotation`,
      );
    }
    return start;
  }
  if (from.fromDate !== undefined) {
    const day = civilDay(from.fromDate);
    const zone = calendar.eraAt(wallClockInstant(day, 720, rotation.timeZone)).timeZone;
    const dayStart = wallClockInstant(day, 0, zone);
    const next = calendar.shiftsBetween(dayStart, dayStart + 15 * DAY_MS).find((shift) => shift.start >= dayStart);
    if (!next) throw new BadUserInputError('fromDate', `no handoff of this rotation follows ${from.fromDate}`);
    return next.start;
  }
  return fallback;
}
