import { insideWindows, intersectWithWindows } from './clock-windows.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('clock windows', () => {
  it('a window ending before its start crosses midnight, on the weekdays it starts', () => {
    const nights = [{ weekdays: [5 as const], start: '22:00', end: '06:00' }]; // Friday nights
    const week = { start: at('2026-07-13T00:00:00Z'), end: at('2026-07-20T00:00:00Z') };
    expect(intersectWithWindows(week, nights, 'UTC').map((p) => [iso(p.start), iso(p.end)])).toEqual([
      ['2026-07-17T22:00:00.000Z', '2026-07-18T06:00:00.000Z'],
    ]);
    expect(insideWindows(at('2026-07-18T05:59:00Z'), nights, 'UTC')).toBe(true);
    expect(insideWindows(at('2026-07-18T06:00:00Z'), nights, 'UTC')).toBe(false);
    expect(insideWindows(at('2026-07-18T23:00:00Z'), nights, 'UTC')).toBe(false); // a Saturday night
  });

  it('a night window across a DST change is read in wall-clock time', () => {
    const nights = [{ weekdays: [], start: '22:00', end: '06:00' }];
    const span = { start: at('2026-03-07T12:00:00Z'), end: at('2026-03-08T12:00:00Z') };
    // 22:00 EST (03:00Z) to 06:00 EDT (10:00Z): seven hours, the night New York springs forward
    expect(intersectWithWindows(span, nights, 'America/New_York').map((p) => [iso(p.start), iso(p.end)])).toEqual([
      ['2026-03-08T03:00:00.000Z', '2026-03-08T10:00:00.000Z'],
    ]);
  });
});
