import { RequestDeadline, RequestTimeoutError, WalkLimitExceededError, withinRequestBudget } from '@app/core/pure';
import { intersectWithWindows } from './clock-windows.js';
import { OnCallTimeline } from './on-call-timeline.js';
import type { RotationSchedule } from './schedule.types.js';
import { ShiftCalendar } from './shift-calendar.js';

const schedule: RotationSchedule = {
  rotationId: 'r',
  timeZone: 'America/New_York',
  startDate: '2026-01-01',
  pattern: { cycle: 'daily', handoffs: [{ time: '09:00' }], respondersPerShift: 1 },
  coverageWindows: [],
  driWindows: [],
  participants: [{ responderId: 'alice' }],
  shadows: [],
  overrides: [],
  swaps: [],
};
const from = Date.parse('2026-12-01T00:00:00Z');

/** Ranges handed straight to the walks, past every input check: each is cut off with an error. */
describe('time walks are bounded even when input checks are bypassed', () => {
  const timeline = () => new OnCallTimeline(schedule, () => undefined);

  it.each([
    ['a NaN end ("not a date")', from, NaN],
    ['an infinite end', from, Infinity],
    ['a NaN start', NaN, from],
    ['an end before the start', from, from - 86_400_000],
    ['a span of a million years', from, from + 1e6 * 365 * 86_400_000],
  ])('%s', (_, start, end) => {
    expect(() => timeline().between(start, end)).toThrow(WalkLimitExceededError);
    expect(() => new ShiftCalendar(schedule).shiftsBetween(start, end)).toThrow(WalkLimitExceededError);
  });

  it('window walks refuse the same', () => {
    const windows = [{ weekdays: [], start: '09:00', end: '17:00' }];
    expect(() => intersectWithWindows({ start: from, end: NaN }, windows, 'UTC')).toThrow(WalkLimitExceededError);
    expect(() => intersectWithWindows({ start: from, end: 8.64e15 }, windows, 'UTC')).toThrow(WalkLimitExceededError);
  });

  it('the error is typed: BAD_USER_INPUT', () => {
    try {
      timeline().between(from, NaN);
      throw new Error('not cut off');
    } catch (error) {
      expect((error as WalkLimitExceededError).code).toBe('BAD_USER_INPUT');
    }
  });

  it('a walk inside a request past its deadline stops with REQUEST_TIMEOUT', () => {
    const expired = new RequestDeadline(1, Date.now() - 1);
    const busy = { ...schedule, pattern: { ...schedule.pattern, handoffs: [{ time: '00:00' }, { time: '12:00' }] } };
    expect(() =>
      withinRequestBudget(expired, () =>
        new OnCallTimeline(busy, () => undefined).between(from, from + 300 * 86_400_000),
      ),
    ).toThrow(RequestTimeoutError);
  });

  it('valid ranges still walk', () => {
    expect(timeline().between(from, from + 3 * 86_400_000)).toHaveLength(4);
  });
});
