import { DateTime, Duration } from 'luxon';
import { civilDay, civilDayOf, plusWallClock, wallClockInstant } from './wall-clock.js';

/** The fast paths must agree with Luxon everywhere, transition days included. */
describe('wall clock conversions agree with Luxon', () => {
  const zones = ['America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham'];

  it.each(zones)('in %s, for every quarter hour of 2026', (zone) => {
    const first = civilDay('2026-01-01');
    for (let day = first; day < first + 365; day++) {
      for (let minutes = 0; minutes < 1440; minutes += 15) {
        const date = new Date(day * 86_400_000);
        const expected = DateTime.fromObject(
          {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
            hour: Math.floor(minutes / 60),
            minute: minutes % 60,
          },
          { zone },
        );
        const instant = wallClockInstant(day, minutes, zone);
        if (instant !== expected.toMillis())
          throw new Error(
            `${zone} ${date.toISOString().slice(0, 10)} +${minutes}m: ${instant} ≠ ${expected.toMillis()}`,
          );
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
