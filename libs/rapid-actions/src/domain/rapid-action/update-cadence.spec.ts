import { daysBetween, localDate, updateDueAfter } from './update-cadence.js';

describe('update cadence', () => {
  it('expects the next update by the end of the next business day, in the given zone', () => {
    // Wednesday 10:00 in New York (EDT): due at the end of Thursday, 04:00 UTC on Friday
    expect(updateDueAfter('2026-07-15T14:00:00Z', 'America/New_York')).toBe('2026-07-17T04:00:00.000Z');
    // Friday, Saturday and Sunday all lead to the end of Monday
    for (const friToSun of ['2026-07-17T14:00:00Z', '2026-07-18T14:00:00Z', '2026-07-19T14:00:00Z']) {
      expect(updateDueAfter(friToSun, 'America/New_York')).toBe('2026-07-21T04:00:00.000Z');
    }
  });

  it('reads the day on the DRI’s wall clock, not in UTC', () => {
    // Friday 23:30 UTC is still Friday in New York but already Saturday in Tokyo: both lead to Monday
    expect(updateDueAfter('2026-07-17T23:30:00Z', 'America/New_York')).toBe('2026-07-21T04:00:00.000Z');
    expect(updateDueAfter('2026-07-17T23:30:00Z', 'Asia/Tokyo')).toBe('2026-07-20T15:00:00.000Z');
    // Thursday 22:00 New York is Friday in Tokyo: due at the end of Friday there, of Monday in Tokyo
    expect(updateDueAfter('2026-07-17T02:00:00Z', 'America/New_York')).toBe('2026-07-18T04:00:00.000Z');
    expect(updateDueAfter('2026-07-17T02:00:00Z', 'Asia/Tokyo')).toBe('2026-07-20T15:00:00.000Z');
  });

  it('ends the day at local midnight across a daylight-saving change', () => {
    // Friday 2026-10-30 in New York; clocks fall back on Sunday 2026-11-01, so Monday ends at 05:00 UTC
    expect(updateDueAfter('2026-10-30T15:00:00Z', 'America/New_York')).toBe('2026-11-03T05:00:00.000Z');
  });

  it('gives the local date', () => {
    expect(localDate('2026-07-17T23:30:00Z', 'America/New_York')).toBe('2026-07-17');
    expect(localDate('2026-07-17T23:30:00Z', 'Asia/Tokyo')).toBe('2026-07-18');
  });

  it('counts calendar and business days between two instants', () => {
    const zone = 'America/New_York';
    const friday = '2026-07-17T14:00:00Z';
    expect(daysBetween(friday, '2026-07-17T20:00:00Z', zone)).toEqual({ calendar: 0, business: 0 });
    expect(daysBetween(friday, '2026-07-18T14:00:00Z', zone)).toEqual({ calendar: 1, business: 0 });
    expect(daysBetween(friday, '2026-07-20T14:00:00Z', zone)).toEqual({ calendar: 3, business: 1 });
    expect(daysBetween(friday, '2026-07-28T14:00:00Z', zone)).toEqual({ calendar: 11, business: 7 });
    expect(daysBetween(friday, '2026-08-03T14:00:00Z', zone)).toEqual({ calendar: 17, business: 11 });
  });
});
