import { Duration } from 'luxon';
import { BadUserInputError } from '@app/core/pure';
import { isIanaTimeZone } from '@app/core/pure';
import type { ClockWindow, ShiftPattern } from '../schedule/schedule.types.js';
import { minutesOf } from '../schedule/wall-clock.js';
import type { RotationDefinition } from './rotation.events.js';

const MINUTES_PER_DAY = 1440;

/** Wall-clock shift lengths: weeks, days, hours, minutes (P1W, P1DT12H, PT6H); no months or years. */
export const SHIFT_DURATION = /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/;

/** Checks a rotation's shape; each problem is a BAD_USER_INPUT naming the field. */
export function assertValidDefinition(definition: RotationDefinition, participants: string[]): void {
  if (!definition.name.trim()) throw new BadUserInputError('name', 'name must not be empty');
  if (!isIanaTimeZone(definition.timeZone)) {
    throw new BadUserInputError('timeZone', `timeZone ${definition.timeZone} is not an IANA time zone`);
  }
  if (participants.length === 0)
    throw new BadUserInputError('participantIds', 'a rotation needs at least one participant');
  if (new Set(participants).size !== participants.length) {
    throw new BadUserInputError('participantIds', 'participants must not repeat');
  }
  assertValidPattern(definition.pattern);
  if (definition.pattern.respondersPerShift > participants.length) {
    throw new BadUserInputError(
      'pattern.respondersPerShift',
      `respondersPerShift (${definition.pattern.respondersPerShift}) must not exceed the ${participants.length} participants`,
    );
  }
  assertValidWindows('coverageWindows', definition.coverageWindows);
  assertValidWindows('driWindows', definition.driWindows);
}

export function assertValidPattern(pattern: ShiftPattern): void {
  if (pattern.handoffs.length === 0) throw new BadUserInputError('pattern.handoffs', 'at least one handoff is needed');
  if (pattern.respondersPerShift < 1) {
    throw new BadUserInputError('pattern.respondersPerShift', 'respondersPerShift must be at least 1');
  }
  const cycleMinutes = pattern.cycle === 'daily' ? MINUTES_PER_DAY : 7 * MINUTES_PER_DAY;
  const points = pattern.handoffs.map((handoff, i) => {
    if (pattern.cycle === 'weekly' && !handoff.weekday) {
      throw new BadUserInputError(`pattern.handoffs.${i}.weekday`, 'a weekly handoff needs a weekday');
    }
    const day = pattern.cycle === 'weekly' ? (handoff.weekday ?? 1) - 1 : 0;
    return day * MINUTES_PER_DAY + minutesOf(handoff.time);
  });
  const sorted = [...points].sort((a, b) => a - b);
  if (new Set(sorted).size !== sorted.length)
    throw new BadUserInputError('pattern.handoffs', 'handoffs must not repeat');
  if (pattern.shiftDuration === undefined) return;
  const duration = Duration.fromISO(pattern.shiftDuration);
  if (!SHIFT_DURATION.test(pattern.shiftDuration) || !duration.isValid || duration.as('minutes') <= 0) {
    throw new BadUserInputError(
      'pattern.shiftDuration',
      'shiftDuration must be a positive ISO-8601 duration in weeks, days, hours and minutes such as PT6H or P1W',
    );
  }
  const shortestGap = Math.min(...sorted.map((p, i) => (sorted[i + 1] ?? sorted[0] + cycleMinutes) - p));
  if (duration.as('minutes') > shortestGap) {
    throw new BadUserInputError('pattern.shiftDuration', 'a shift must end by the next handoff');
  }
}

/** A window ending at or before its start crosses midnight (22:00-06:00); an empty one is refused. */
function assertValidWindows(field: string, windows: ClockWindow[]): void {
  windows.forEach((window, i) => {
    const [start, end] = [minutesOf(window.start), minutesOf(window.end)];
    if (start === end) {
      throw new BadUserInputError(`${field}.${i}.end`, 'a window must not be empty (22:00-06:00 crosses midnight)');
    }
  });
}
