import { DateTime } from 'luxon';
import { intersectWithWindows, type Interval } from './clock-windows.js';
import { OnCallTimeline } from './on-call-timeline.js';
import type { AvailabilityLookup } from './shift-assignment.js';
import type { ClockWindow, ResponderAvailability, RotationSchedule } from './schedule.types.js';

/** How far ahead a change is checked against everyone's working hours. */
export const WARNING_HORIZON_DAYS = 28;

export interface PersonHours extends ResponderAvailability {
  timeZone: string;
  workingHours: ClockWindow[];
}

/** One side of a change: the rotation's schedule and the people as they are then. */
export interface ScheduleSide {
  rotation: RotationSchedule | undefined;
  people: (responderId: string) => PersonHours | undefined;
}

/** A responder put on call outside their working hours by a change, in one rotation, at the same local hours. */
export interface WorkingHoursWarning {
  responderId: string;
  rotationId: string;
  /** The responder's zone, in which `localHours` reads. */
  timeZone: string;
  /** "19:00-03:00": the off-hours part of each stretch, on the responder's wall clock. */
  localHours: string;
  /** The stretches on call concerned, in order. */
  shifts: Interval[];
  /** Their off-hours parts that the schedule before the change did not have. */
  offHours: Interval[];
}

/**
 * The stretches on call over [from, to) that fall outside the responder's working hours after the
 * change and did not before it. Responders with no working hours recorded are never warned about.
 */
export function workingHoursWarnings(before: ScheduleSide, after: ScheduleSide, from: number, to: number) {
  if (!after.rotation) return [];
  const offBefore = before.rotation ? offHoursBy(before, from, to) : new Map<string, Interval[]>();
  const warnings = new Map<string, WorkingHoursWarning>();
  for (const { segment, off, person } of offHoursPieces(after, from, to)) {
    const fresh = off.flatMap((part) => subtract(part, offBefore.get(segment.responderId) ?? []));
    if (fresh.length === 0) continue;
    const first = fresh[0].start;
    const last = fresh[fresh.length - 1].end;
    const localHours = `${wallClock(first, person.timeZone)}-${wallClock(last, person.timeZone)}`;
    const key = `${segment.responderId}|${localHours}`;
    let warning = warnings.get(key);
    if (!warning) {
      warning = {
        responderId: segment.responderId,
        rotationId: after.rotation.rotationId,
        timeZone: person.timeZone,
        localHours,
        shifts: [],
        offHours: [],
      };
      warnings.set(key, warning);
    }
    warning.shifts.push({ start: segment.start, end: segment.end });
    warning.offHours.push(...fresh);
  }
  return [...warnings.values()].sort(
    (a, b) => a.shifts[0].start - b.shifts[0].start || a.responderId.localeCompare(b.responderId),
  );
}

function offHoursPieces(side: ScheduleSide, from: number, to: number) {
  const lookup: AvailabilityLookup = (id) => side.people(id);
  const segments = new OnCallTimeline(side.rotation!, lookup).between(from, to);
  return segments.flatMap((segment) => {
    const person = side.people(segment.responderId);
    if (!person || person.workingHours.length === 0) return [];
    const working = intersectWithWindows(segment, person.workingHours, person.timeZone);
    const off = working.reduce<Interval[]>((rest, part) => rest.flatMap((r) => subtract(r, [part])), [segment]);
    return off.length > 0 ? [{ segment, off: off.map(({ start, end }) => ({ start, end })), person }] : [];
  });
}

function offHoursBy(side: ScheduleSide, from: number, to: number): Map<string, Interval[]> {
  const by = new Map<string, Interval[]>();
  for (const { segment, off } of offHoursPieces(side, from, to)) {
    by.set(segment.responderId, [...(by.get(segment.responderId) ?? []), ...off]);
  }
  return by;
}

/** The parts of `interval` that none of `others` covers. */
function subtract(interval: Interval, others: Interval[]): Interval[] {
  let rest = [interval];
  for (const other of others) {
    rest = rest.flatMap((r) => {
      if (other.end <= r.start || r.end <= other.start) return [r];
      const parts: Interval[] = [];
      if (r.start < other.start) parts.push({ start: r.start, end: other.start });
      if (other.end < r.end) parts.push({ start: other.end, end: r.end });
      return parts;
    });
  }
  return rest;
}

function wallClock(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
}
