import { DateTime } from 'luxon';

/** The browser's own IANA zone: times are shown in it first. */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Tue 21 Jul, 14:00" in a zone. */
export function formatInstant(iso: string | Date, zone: string = viewerZone()): string {
  const at = typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso);
  return at.setZone(zone).toFormat('ccc d LLL, HH:mm');
}

/** "16 Jul 2026" in the viewer's zone. */
export function formatDate(iso: string | Date, zone: string = viewerZone()): string {
  return toDateTime(iso).setZone(zone).toFormat('d LLL yyyy');
}

/** An instant in the viewer's zone, and in another zone when it differs. */
export function inBothZones(iso: string | Date, otherZone: string): string {
  const mine = viewerZone();
  const here = formatInstant(iso, mine);
  if (otherZone === mine) return `${here} (${mine})`;
  return `${here} (${mine}); ${formatInstant(iso, otherZone)} (${otherZone})`;
}

/** A span, e.g. "Tue 21 Jul, 12:00 – 18:00" or across days. */
export function formatSpan(start: string | Date, end: string | Date, zone: string = viewerZone()): string {
  const from = toDateTime(start).setZone(zone);
  const to = toDateTime(end).setZone(zone);
  const sameDay = from.hasSame(to, 'day');
  return `${from.toFormat('ccc d LLL, HH:mm')} – ${to.toFormat(sameDay ? 'HH:mm' : 'ccc d LLL, HH:mm')}`;
}

/** The wall clock "YYYY-MM-DDTHH:mm" of an instant in a zone: what datetime-local inputs and the API's wall-clock inputs take. */
export function wallClock(iso: string | Date, zone: string): string {
  return toDateTime(iso).setZone(zone).toFormat("yyyy-LL-dd'T'HH:mm");
}

export function toDateTime(value: string | Date): DateTime {
  return typeof value === 'string' ? DateTime.fromISO(value) : DateTime.fromJSDate(value);
}

/** Seconds as "4 min 30 s", "1 h 5 min". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'none acknowledged';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Today's date (YYYY-MM-DD) in the viewer's zone. */
export const today = (): string => DateTime.now().toISODate() ?? '';
