import { DateTime } from 'luxon';
import { civilDay, wallClockInstant } from './wall-clock.js';

export interface Quarter {
  /** "2026-Q3" */
  label: string;
  start: number;
  end: number;
}

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** The calendar quarter "YYYY-Qn" read in `zone`, with its bounds as instants. */
export function quarterNamed(label: string, zone: string): Quarter {
  const match = QUARTER_PATTERN.exec(label);
  if (!match) throw new Error(`Not a quarter: ${label}`);
  const [year, first] = [Number(match[1]), (Number(match[2]) - 1) * 3 + 1];
  const midnight = (y: number, month: number) =>
    wallClockInstant(civilDay(`${y}-${String(month).padStart(2, '0')}-01`), 0, zone);
  const end = first === 10 ? midnight(year + 1, 1) : midnight(year, first + 3);
  return { label, start: midnight(year, first), end };
}

/** The calendar quarter, in `zone`, that holds an instant. */
export function quarterOf(instant: number, zone: string): Quarter {
  const local = DateTime.fromMillis(instant, { zone });
  return quarterNamed(`${local.year}-Q${local.quarter}`, zone);
}
