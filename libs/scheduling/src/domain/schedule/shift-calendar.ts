import { Duration } from 'luxon';
import { assertWalkable, boundedWalk } from '@app/core/pure';
import type { RotationSchedule, ShiftPattern } from './schedule.types.js';
import {
  civilDay,
  civilDayOf,
  minutesOf,
  plusWallClock,
  wallClockInstant,
  weekdayOf,
  type CivilDay,
} from './wall-clock.js';

const DAY_MS = 86_400_000;

/**
 * The longest span a schedule walk covers: a query range (at most 400 days) widened by the
 * overrides and slots that overlap it (each at most 400 days), with room to spare. Anything
 * longer is a bug in input checking and is cut off with an error, never walked.
 */
export const MAX_WALK_DAYS = 1_500;
export const MAX_WALK_MS = MAX_WALK_DAYS * DAY_MS;

/** One turn of a rotation: shift `number` counts from 0 at the first handoff on or after the start date. */
export interface BaseShift {
  number: number;
  start: number;
  end: number;
}

interface Slot {
  dayOffset: number;
  minutes: number;
}

/**
 * Where a rotation's shifts fall in time, from its pattern alone. Handoffs are wall-clock times in
 * the rotation's zone, so they stay put across daylight-saving changes.
 */
export class ShiftCalendar {
  private readonly slots: Slot[];
  private readonly cycleDays: number;
  private readonly firstCycle: CivilDay;
  /** Slots of the first cycle that fall before the start date. */
  private readonly skipped: number;
  private readonly duration?: Duration;
  private readonly zone: string;

  constructor(schedule: Pick<RotationSchedule, 'timeZone' | 'startDate' | 'pattern'>) {
    const { pattern } = schedule;
    this.zone = schedule.timeZone;
    this.cycleDays = pattern.cycle === 'daily' ? 1 : 7;
    this.slots = slotsOf(pattern);
    const startDate = civilDay(schedule.startDate);
    this.firstCycle = pattern.cycle === 'daily' ? startDate : startDate - (weekdayOf(startDate) - 1);
    const startOffset = startDate - this.firstCycle;
    this.skipped = this.slots.filter((slot) => slot.dayOffset < startOffset).length;
    this.duration = pattern.shiftDuration ? Duration.fromISO(pattern.shiftDuration) : undefined;
  }

  handoff(number: number): number {
    const index = number + this.skipped;
    const cycle = Math.floor(index / this.slots.length);
    const slot = this.slots[index % this.slots.length];
    return wallClockInstant(this.firstCycle + cycle * this.cycleDays + slot.dayOffset, slot.minutes, this.zone);
  }

  shift(number: number): BaseShift {
    const start = this.handoff(number);
    const end = this.duration ? plusWallClock(start, this.duration, this.zone) : this.handoff(number + 1);
    return { number, start, end };
  }

  /** Shifts overlapping [from, to), in order. */
  shiftsBetween(from: number, to: number): BaseShift[] {
    assertWalkable('a shift walk', from, to, MAX_WALK_MS);
    // Shifts start at the handoffs: at most `slots` per cycle, from one cycle before `from`.
    const cycles = Math.ceil((to - from) / (this.cycleDays * DAY_MS)) + 3;
    const step = boundedWalk('a shift walk', cycles * this.slots.length);
    const shifts: BaseShift[] = [];
    for (let n = this.firstShiftNumberNear(from); ; n++) {
      step();
      const shift = this.shift(n);
      if (shift.start >= to) break;
      if (shift.end > from) shifts.push(shift);
    }
    return shifts;
  }

  /** The shift that starts exactly at `start`, if any. */
  shiftStartingAt(start: number): BaseShift | undefined {
    return this.shiftsBetween(start, start + 1).find((shift) => shift.start === start);
  }

  /** A shift number at or before the first shift that can overlap `instant`. */
  private firstShiftNumberNear(instant: number): number {
    const days = civilDayOf(instant, this.zone) - this.firstCycle;
    const cycle = Math.floor(days / this.cycleDays) - 1;
    return Math.max(0, cycle * this.slots.length - this.skipped);
  }
}

function slotsOf(pattern: ShiftPattern): Slot[] {
  return pattern.handoffs
    .map((handoff) => ({
      dayOffset: pattern.cycle === 'weekly' ? (handoff.weekday ?? 1) - 1 : 0,
      minutes: minutesOf(handoff.time),
    }))
    .sort((a, b) => a.dayOffset - b.dayOffset || a.minutes - b.minutes);
}
