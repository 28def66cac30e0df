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

/** Handoffs each era calendar remembers (a few years of a busy pattern). */
const MAX_REMEMBERED_HANDOFFS = 20_000;

/** One turn of a rotation: shift `number` counts from 0 at the first handoff on or after the start date. */
export interface BaseShift {
  number: number;
  start: number;
  end: number;
  /** Set for shifts after a pattern or zone change: how many share it, and the zone it is read in. */
  respondersPerShift?: number;
  timeZone?: string;
}

interface Slot {
  dayOffset: number;
  minutes: number;
}

interface Era {
  calendar: PatternCalendar;
  /** The global number of the era's first shift. */
  firstNumber: number;
  /** The era calendar's own number of that shift. */
  innerFirst: number;
  /** When the era's first shift starts. */
  start: number;
  pattern: ShiftPattern;
  timeZone: string;
}

/**
 * Where a rotation's shifts fall in time. Handoffs are wall-clock times in the rotation's zone, so
 * they stay put across daylight-saving changes. A pattern or zone change starts a new era at a
 * handoff of the schedule before it: shifts before that handoff are exactly as they were, numbers
 * run on (so turns keep going round), and the last shift before the change, when it has no length
 * of its own, lasts until the new pattern's first handoff.
 */
export class ShiftCalendar {
  private readonly eras: Era[];

  constructor(
    schedule: Pick<RotationSchedule, 'timeZone' | 'startDate' | 'pattern'> &
      Partial<Pick<RotationSchedule, 'scheduleChanges'>>,
  ) {
    const first = new PatternCalendar(schedule.timeZone, civilDay(schedule.startDate), schedule.pattern);
    this.eras = [
      {
        calendar: first,
        firstNumber: 0,
        innerFirst: 0,
        start: first.handoff(0),
        pattern: schedule.pattern,
        timeZone: schedule.timeZone,
      },
    ];
    for (const change of schedule.scheduleChanges ?? []) {
      const at = Date.parse(change.effectiveAt);
      const previous = this.eras[this.eras.length - 1];
      const calendar = new PatternCalendar(change.timeZone, civilDayOf(at, change.timeZone), change.pattern);
      const innerFirst = calendar.firstNumberAtOrAfter(at);
      const previousCount = Math.max(0, previous.calendar.firstNumberAtOrAfter(at) - previous.innerFirst);
      this.eras.push({
        calendar,
        firstNumber: previous.firstNumber + previousCount,
        innerFirst,
        start: calendar.handoff(innerFirst),
        pattern: change.pattern,
        timeZone: change.timeZone,
      });
    }
  }

  shift(number: number): BaseShift {
    const index = this.eraIndexOfNumber(number);
    const era = this.eras[index];
    const next = this.eras[index + 1];
    const inner = era.calendar.shift(number - era.firstNumber + era.innerFirst);
    let end = inner.end;
    if (next && number === next.firstNumber - 1) {
      end = era.pattern.shiftDuration ? Math.min(inner.end, next.start) : next.start;
    }
    const extra = index > 0 ? { respondersPerShift: era.pattern.respondersPerShift, timeZone: era.timeZone } : {};
    return { number, start: inner.start, end, ...extra };
  }

  /** Shifts overlapping [from, to), in order. */
  shiftsBetween(from: number, to: number): BaseShift[] {
    assertWalkable('a shift walk', from, to, MAX_WALK_MS);
    const shifts: BaseShift[] = [];
    this.eras.forEach((era, index) => {
      const next = this.eras[index + 1];
      const eraStart = index === 0 ? -Infinity : era.start;
      const eraEnd = next ? next.start : Infinity;
      if (eraStart >= to || eraEnd <= from) return;
      const numbers = new Set<number>();
      const lastNumber = next ? next.firstNumber - 1 : Infinity;
      for (const inner of era.calendar.shiftsBetween(Math.max(from, eraStart), Math.min(to, eraEnd))) {
        const number = inner.number - era.innerFirst + era.firstNumber;
        if (inner.number >= era.innerFirst && number <= lastNumber) numbers.add(number);
      }
      if (next && lastNumber >= era.firstNumber) numbers.add(lastNumber);
      for (const number of [...numbers].sort((a, b) => a - b)) {
        const shift = this.shift(number);
        if (shift.start < to && shift.end > from) shifts.push(shift);
      }
    });
    return shifts;
  }

  /** The shift that starts exactly at `start`, if any. */
  shiftStartingAt(start: number): BaseShift | undefined {
    return this.shiftsBetween(start, start + 1).find((shift) => shift.start === start);
  }

  /** The pattern and zone in force at an instant. */
  eraAt(instant: number): { pattern: ShiftPattern; timeZone: string } {
    let found = this.eras[0];
    for (const era of this.eras) if (era.start <= instant) found = era;
    return { pattern: found.pattern, timeZone: found.timeZone };
  }

  /** The last era whose first shift is at or before `number` (an era of no shifts gives way to the next). */
  private eraIndexOfNumber(number: number): number {
    let index = 0;
    this.eras.forEach((era, i) => {
      if (era.firstNumber <= number) index = i;
    });
    return index;
  }
}

/** One pattern in one zone, from a start day: the calendar of one era. */
class PatternCalendar {
  private readonly slots: Slot[];
  private readonly cycleDays: number;
  private readonly firstCycle: CivilDay;
  /** Slots of the first cycle that fall before the start date. */
  private readonly skipped: number;
  private readonly duration?: Duration;
  /** Handoff instants by shift number: each is a pure function of the number, asked again by every walk. */
  private readonly handoffs = new Map<number, number>();

  constructor(
    private readonly zone: string,
    startDay: CivilDay,
    pattern: ShiftPattern,
  ) {
    this.cycleDays = pattern.cycle === 'daily' ? 1 : 7;
    this.slots = slotsOf(pattern);
    this.firstCycle = pattern.cycle === 'daily' ? startDay : startDay - (weekdayOf(startDay) - 1);
    const startOffset = startDay - this.firstCycle;
    this.skipped = this.slots.filter((slot) => slot.dayOffset < startOffset).length;
    this.duration = pattern.shiftDuration ? Duration.fromISO(pattern.shiftDuration) : undefined;
  }

  handoff(number: number): number {
    let instant = this.handoffs.get(number);
    if (instant === undefined) {
      if (this.handoffs.size >= MAX_REMEMBERED_HANDOFFS) this.handoffs.clear();
      this.handoffs.set(number, (instant = this.computeHandoff(number)));
    }
    return instant;
  }

  private computeHandoff(number: number): number {
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

  /** The number of the first shift starting at or after `instant`. */
  firstNumberAtOrAfter(instant: number): number {
    const step = boundedWalk('a handoff search', 4 * this.slots.length);
    let n = this.firstShiftNumberNear(instant);
    while (this.handoff(n) < instant) {
      step();
      n++;
    }
    return n;
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
