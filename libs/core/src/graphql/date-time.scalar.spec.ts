import { daysInMonth, isoInstant, parseStrictDateTime, StrictDateTimeScalar } from './date-time.scalar.js';

describe('the DateTime scalar', () => {
  it('writes instants exactly as toISOString does, across the supported years and beyond', () => {
    const instants = [
      0,
      1,
      999,
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29, 12, 0, 0, 7),
      Date.UTC(2026, 6, 15, 18, 45, 0, 40),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      Date.UTC(999, 0, 1),
      -1,
      -62_198_755_200_000,
    ];
    for (let ms = Date.UTC(1970, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 86_400_000 * 7 + 3_601_017) instants.push(ms);
    for (const ms of instants) expect(isoInstant(new Date(ms))).toBe(new Date(ms).toISOString());
    expect(StrictDateTimeScalar.serialize(new Date(Date.UTC(2026, 0, 5, 5)))).toBe('2026-01-05T05:00:00.000Z');
    expect(() => StrictDateTimeScalar.serialize(new Date(Number.NaN))).toThrow(
      'DateTime cannot represent an invalid date',
    );
  });

  it('knows the length of every month, leap years included', () => {
    for (let year = 1970; year <= 2500; year++) {
      for (let month = 1; month <= 12; month++) {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }
    }
  });

  it('reads strict RFC 3339 and refuses what does not exist', () => {
    expect(parseStrictDateTime('2026-07-15T14:45:00.5-04:00').toISOString()).toBe('2026-07-15T18:45:00.500Z');
    expect(parseStrictDateTime('2024-02-29T00:00:00Z').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(() => parseStrictDateTime('2026-02-29T00:00:00Z')).toThrow('2026-02-29 does not exist');
    expect(() => parseStrictDateTime('2100-02-29T00:00:00Z')).toThrow('2100-02-29 does not exist');
    expect(() => parseStrictDateTime('2026-01-01T24:00:00Z')).toThrow('must be a real time of day');
    expect(() => parseStrictDateTime('2026-01-01T10:00:00')).toThrow('must be an RFC 3339 date-time');
  });
});
