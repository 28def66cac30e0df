import { DateTime } from 'luxon';
import { deterministicId } from '@app/event-store/pure';

/** A time span one responder is on call for one rotation (a shift, an override, a slot…), as the schedule answers it. */
export interface OnCallSpan {
  rotationId: string;
  responderId: string;
  start: number;
  end: number;
}

/** Spans of one responder in one rotation that touch or overlap, joined: what a calendar shows as one event. */
export type Stretch = OnCallSpan;

/** How far a feed reaches from now: one month back and twelve months ahead (calendar months, UTC). */
export const FEED_MONTHS_BACK = 1;
export const FEED_MONTHS_AHEAD = 12;

export function feedWindow(now: Date): { from: Date; to: Date } {
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  return {
    from: at.minus({ months: FEED_MONTHS_BACK }).toJSDate(),
    to: at.plus({ months: FEED_MONTHS_AHEAD }).toJSDate(),
  };
}

/**
 * Joins the spans of the same responder in the same rotation that meet (a shift followed by an
 * override of the next one, two handoffs in a row): one event per stretch on call. Spans of
 * different rotations stay apart, as each event names its rotation. Ordered by start.
 */
export function mergeStretches(spans: readonly OnCallSpan[]): Stretch[] {
  const byPerson = new Map<string, OnCallSpan[]>();
  for (const span of spans) {
    const key = `${span.rotationId}|${span.responderId}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), span]);
  }
  const stretches: Stretch[] = [];
  for (const group of byPerson.values()) {
    let current: Stretch | undefined;
    for (const span of [...group].sort((a, b) => a.start - b.start)) {
      if (current && span.start <= current.end) {
        current.end = Math.max(current.end, span.end);
      } else {
        current = { rotationId: span.rotationId, responderId: span.responderId, start: span.start, end: span.end };
        stretches.push(current);
      }
    }
  }
  return stretches.sort(
    (a, b) =>
      a.start - b.start || a.rotationId.localeCompare(b.rotationId) || a.responderId.localeCompare(b.responderId),
  );
}

/**
 * The same stretch keeps its UID at every refresh, so calendar apps update an event rather than
 * add a second one: derived from the rotation, the responder and the stretch's start.
 */
export function stretchUid(stretch: Stretch): string {
  const start = new Date(stretch.start).toISOString();
  return `${deterministicId('calendar-stretch', stretch.rotationId, stretch.responderId, start)}@incident-coordination`;
}
