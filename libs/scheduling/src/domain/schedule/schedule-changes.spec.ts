import { ShiftCalendar } from './shift-calendar.js';
import type { ScheduleChange, ShiftPattern } from './schedule.types.js';

const weekly = (time: string, ...weekdays: Array<1 | 2 | 3 | 4 | 5 | 6 | 7>): ShiftPattern => ({
  cycle: 'weekly',
  handoffs: weekdays.map((weekday) => ({ weekday, time })),
  respondersPerShift: 1,
});

const base = { timeZone: 'Europe/Berlin', startDate: '2026-10-05', pattern: weekly('10:00', 1) };
const iso = (ms: number) => new Date(ms).toISOString();
const starts = (calendar: ShiftCalendar, from: string, to: string) =>
  calendar.shiftsBetween(Date.parse(from), Date.parse(to)).map((s) => [s.number, iso(s.start), iso(s.end)]);

describe('shift calendar with pattern and zone changes', () => {
  // Berlin leaves summer time on 2026-10-25; the change takes effect at Monday 2026-11-02 10:00 CET
  const change: ScheduleChange = {
    effectiveAt: '2026-11-02T09:00:00.000Z',
    pattern: weekly('10:00', 1, 4),
    timeZone: 'Europe/Berlin',
  };
  const changed = new ShiftCalendar({ ...base, scheduleChanges: [change] });

  it('keeps every shift before the change exactly as it was, across the DST change', () => {
    const before = new ShiftCalendar(base);
    expect(starts(changed, '2026-10-05T00:00:00Z', change.effectiveAt)).toEqual(
      starts(before, '2026-10-05T00:00:00Z', change.effectiveAt),
    );
    expect(starts(changed, '2026-10-19T08:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      [2, '2026-10-19T08:00:00.000Z', '2026-10-26T09:00:00.000Z'],
      [3, '2026-10-26T09:00:00.000Z', '2026-11-02T09:00:00.000Z'],
    ]);
  });

  it('follows the new pattern from the chosen handoff, numbers running on', () => {
    expect(starts(changed, '2026-11-02T00:00:00Z', '2026-11-10T00:00:00Z')).toEqual([
      [3, '2026-10-26T09:00:00.000Z', '2026-11-02T09:00:00.000Z'],
      [4, '2026-11-02T09:00:00.000Z', '2026-11-05T09:00:00.000Z'],
      [5, '2026-11-05T09:00:00.000Z', '2026-11-09T09:00:00.000Z'],
      [6, '2026-11-09T09:00:00.000Z', '2026-11-12T09:00:00.000Z'],
    ]);
    expect(changed.shift(4).respondersPerShift).toBe(1);
    expect(changed.shiftStartingAt(Date.parse('2026-11-05T09:00:00Z'))?.number).toBe(5);
  });

  it('keeps the outgoing shift on until the new pattern’s first handoff', () => {
    const later = new ShiftCalendar({
      ...base,
      scheduleChanges: [{ ...change, pattern: weekly('10:00', 3) }],
    });
    expect(starts(later, '2026-10-27T00:00:00Z', '2026-11-12T00:00:00Z')).toEqual([
      [3, '2026-10-26T09:00:00.000Z', '2026-11-04T09:00:00.000Z'],
      [4, '2026-11-04T09:00:00.000Z', '2026-11-11T09:00:00.000Z'],
      [5, '2026-11-11T09:00:00.000Z', '2026-11-18T09:00:00.000Z'],
    ]);
  });

  it('reads handoffs in a new zone from its change on, and keeps them there across the next DST change', () => {
    const moved = new ShiftCalendar({
      ...base,
      scheduleChanges: [
        { effectiveAt: '2027-01-04T09:00:00.000Z', pattern: base.pattern, timeZone: 'America/New_York' },
      ],
    });
    expect(starts(moved, '2026-12-28T09:00:00Z', '2027-01-12T00:00:00Z')).toEqual([
      [12, '2026-12-28T09:00:00.000Z', '2027-01-04T15:00:00.000Z'],
      [13, '2027-01-04T15:00:00.000Z', '2027-01-11T15:00:00.000Z'],
      [14, '2027-01-11T15:00:00.000Z', '2027-01-18T15:00:00.000Z'],
    ]);
    // New York springs forward on 2027-03-14: Monday 10:00 EDT is 14:00 UTC
    expect(starts(moved, '2027-03-16T00:00:00Z', '2027-03-16T00:00:01Z')).toEqual([
      [23, '2027-03-15T14:00:00.000Z', '2027-03-22T14:00:00.000Z'],
    ]);
    expect(moved.eraAt(Date.parse('2027-02-01T00:00:00Z')).timeZone).toBe('America/New_York');
  });
});
