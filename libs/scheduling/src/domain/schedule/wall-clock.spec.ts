import { DateTime, Duration } from 'luxon';
import { civilDay, civilDayOf, localDateTimeToInstant, plusWallClock, wallClockInstant } from './wall-clock.js';

const MINUTE_MS = 60_000;

/**
 * An independent reading of a wall-clock time, through Luxon's instant → wall clock direction:
 * every instant showing that wall clock (first one wins), or, when none does (a gap), the first
 * instant whose wall clock is later.
 */
function expectedInstant(day: number, minutes: number, zone: string): number {
  const local = day * 86_400_000 + minutes * MINUTE_MS;
  const shows = (instant: number) => {
    const wall = DateTime.fromMillis(instant, { zone });
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  };
  const offsets = [-1, 1].map((days) => DateTime.fromMillis(local + days * 86_400_000, { zone }).offset);
  if (offsets[0] === offsets[1]) return local - offsets[0] * MINUTE_MS;
  const readings = offsets.map((o) => local - o * MINUTE_MS).filter((instant) => shows(instant) === local);
  if (readings.length > 0) return Math.min(...readings);
  let instant = local - Math.max(...offsets) * MINUTE_MS;
  while (shows(instant) < local) instant += MINUTE_MS;
  // Changes fall on whole minutes in these zones: step back to the first instant past the gap.
  while (shows(instant - 1) > local) instant -= 1;
  return instant;
}

/** The fast paths must agree with the rules everywhere, transition days included. */
describe('wall clock conversions agree with the zone rules', () => {
  const zones = ['America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'Europe/London'];

  it.each(zones)('in %s, for every quarter hour of 2026', (zone) => {
    const first = civilDay('2026-01-01');
    for (let day = first; day < first + 365; day++) {
      for (let minutes = 0; minutes < 1440; minutes += 15) {
        const expected = expectedInstant(day, minutes, zone);
        const instant = wallClockInstant(day, minutes, zone);
        if (instant !== expected) {
          const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
          throw new Error(`${zone} ${date} +${minutes}m: ${instant} ≠ ${expected}`);
        }
        const local = DateTime.fromMillis(instant, { zone });
        const expectedDay = Math.floor(Date.UTC(local.year, local.month - 1, local.day) / 86_400_000);
        if (civilDayOf(instant, zone) !== expectedDay)
          throw new Error(`${zone} day of ${new Date(instant).toISOString()}`);
      }
    }
  });

  it('adds wall-clock durations across a change', () => {
    const start = Date.parse('2026-03-08T05:00:00Z'); // 00:00 EST, the night clocks spring forward
    expect(new Date(plusWallClock(start, Duration.fromISO('PT6H'), 'America/New_York')).toISOString()).toBe(
      '2026-03-08T10:00:00.000Z',
    );
    const noon = Date.parse('2026-11-01T17:00:00Z');
    expect(new Date(plusWallClock(noon, Duration.fromISO('PT6H'), 'America/New_York')).toISOString()).toBe(
      '2026-11-01T23:00:00.000Z',
    );
  });
});

/**
 * The daylight-saving rules (RFC 5545): a wall-clock time that does not exist is read as the first
 * instant after the gap; one that occurs twice is its first occurrence.
 */
describe('daylight-saving gaps and overlaps', () => {
  const at = (date: string, time: string, zone: string) =>
    new Date(
      wallClockInstant(civilDay(date), Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), zone),
    ).toISOString();

  it.each([
    // zone, the day of the gap, a time inside it, the end of the gap (UTC)
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z'], // 02:00 EST → 03:00 EDT
    ['America/New_York', '2026-03-08', '02:00', '2026-03-08T07:00:00.000Z'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:00:00.000Z'], // 01:00 GMT → 02:00 BST
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:30:00.000Z'], // 02:00 +10:30 → 02:30 +11
  ])('in %s on %s, %s (inside the gap) is the first instant after it', (zone, date, time, expected) => {
    expect(at(date, time, zone)).toBe(expected);
    expect(localDateTimeToInstant(`${date}T${time}`, zone)).toBe(expected);
  });

  it.each([
    // zone, the day of the overlap, a time that occurs twice, its first occurrence (UTC)
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'], // 01:30 EDT, not EST
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'], // 01:30 BST, not GMT
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z'], // 01:45 +11, not +10:30
  ])('in %s on %s, %s (twice) is its first occurrence', (zone, date, time, expected) => {
    expect(at(date, time, zone)).toBe(expected);
    expect(localDateTimeToInstant(`${date}T${time}`, zone)).toBe(expected);
  });

  it('times next to the changes are read as usual', () => {
    expect(at('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(at('2026-03-08', '03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('2026-11-01', '02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
    expect(at('2026-10-25', '02:00', 'Europe/London')).toBe('2026-10-25T02:00:00.000Z');
    expect(at('2026-04-05', '02:00', 'Australia/Lord_Howe')).toBe('2026-04-04T15:30:00.000Z');
  });
});
