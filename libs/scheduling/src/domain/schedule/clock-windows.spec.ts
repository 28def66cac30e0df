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

  it('answers insideWindows as the intersection of [instant, instant + 1) would, across zones and DST changes', () => {
    const windowSets = [
      [],
      [{ weekdays: [], start: '09:00', end: '17:00' }],
      [{ weekdays: [1 as const, 3 as const], start: '22:00', end: '06:00' }],
      [
        { weekdays: [], start: '01:30', end: '03:30' },
        { weekdays: [7 as const], start: '00:00', end: '24:00' },
      ],
    ];
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    for (const zone of zones) {
      for (const windows of windowSets) {
        const probes: number[] = [];
        for (const span of [
          { start: at('2026-03-20T00:00:00Z'), end: at('2026-04-10T00:00:00Z') },
          { start: at('2026-10-20T00:00:00Z'), end: at('2026-11-05T00:00:00Z') },
        ]) {
          for (const piece of intersectWithWindows(span, windows, zone)) {
            probes.push(piece.start - 1, piece.start, piece.end - 1, piece.end);
          }
          for (let instant = span.start; instant < span.end; instant += 25_237_000) probes.push(instant);
        }
        for (const probe of probes) {
          const expected = intersectWithWindows({ start: probe, end: probe + 1 }, windows, zone).length > 0;
          expect([zone, iso(probe), insideWindows(probe, windows, zone)]).toEqual([zone, iso(probe), expected]);
        }
      }
    }
  });
});
