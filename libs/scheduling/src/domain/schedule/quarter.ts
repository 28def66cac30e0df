import { DateTime } from 'luxon';

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
  const start = DateTime.fromObject(
    { year: Number(match[1]), month: (Number(match[2]) - 1) * 3 + 1, day: 1 },
    { zone },
  );
  return { label, start: start.toMillis(), end: start.plus({ months: 3 }).toMillis() };
}

/** The calendar quarter, in `zone`, that holds an instant. */
export function quarterOf(instant: number, zone: string): Quarter {
  const local = DateTime.fromMillis(instant, { zone });
  return quarterNamed(`${local.year}-Q${local.quarter}`, zone);
}
