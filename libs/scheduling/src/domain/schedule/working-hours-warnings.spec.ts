import type { PersonHours, ScheduleSide } from './working-hours-warnings.js';
import { workingHoursWarnings } from './working-hours-warnings.js';
import type { RotationSchedule } from './schedule.types.js';

const person = (responderId: string, timeZone: string, start: string, end: string): PersonHours => ({
  responderId,
  timeZone,
  workingHours: [{ weekdays: [], start, end }],
  restrictions: [],
  unavailability: [],
});
const people = new Map([
  ['emi', person('emi', 'Asia/Tokyo', '09:00', '17:00')],
  ['clara', person('clara', 'Europe/Berlin', '09:00', '17:00')],
  ['ana', person('ana', 'America/New_York', '11:00', '19:00')],
]);
const followTheSun: RotationSchedule = {
  rotationId: 'fts',
  timeZone: 'UTC',
  startDate: '2026-11-09',
  pattern: {
    cycle: 'daily',
    handoffs: [{ time: '00:00' }, { time: '08:00' }, { time: '16:00' }],
    respondersPerShift: 1,
  },
  coverageWindows: [],
  driWindows: [],
  participants: [{ responderId: 'emi' }, { responderId: 'clara' }, { responderId: 'ana' }],
  shadows: [],
  overrides: [],
  swaps: [],
};
const side = (rotation: RotationSchedule, lookup = people): ScheduleSide => ({
  rotation,
  people: (id) => lookup.get(id),
});
const from = Date.parse('2026-11-12T00:00:00Z');
const to = Date.parse('2026-11-14T00:00:00Z');

describe('working-hours warnings', () => {
  it('tells nothing when every shift stays in someone’s working day', () => {
    expect(workingHoursWarnings(side(followTheSun), side(followTheSun), from, to)).toEqual([]);
  });

  it('names whom a departure puts on call off hours, with the local hours and the shifts', () => {
    const without: RotationSchedule = {
      ...followTheSun,
      participants: followTheSun.participants.map((m) =>
        m.responderId === 'clara' ? { ...m, until: '2026-11-12T00:00:00.000Z' } : m,
      ),
    };
    const warnings = workingHoursWarnings(side(followTheSun), side(without), from, to);
    const ana = warnings.find((w) => w.responderId === 'ana' && w.localHours === '19:00-03:00');
    expect(ana).toMatchObject({ rotationId: 'fts', timeZone: 'America/New_York' });
    expect(ana?.shifts.map((s) => new Date(s.start).toISOString())).toEqual(['2026-11-12T00:00:00.000Z']);
    expect(warnings.map((w) => [w.responderId, w.localHours])).toEqual(
      expect.arrayContaining([
        ['ana', '03:00-11:00'],
        ['emi', '17:00-01:00'],
      ]),
    );
    expect(warnings.some((w) => w.responderId === 'clara')).toBe(false);
  });

  it('warns about a change of working hours only for the hours newly outside them', () => {
    const later = new Map(people).set('ana', person('ana', 'America/New_York', '12:00', '19:00'));
    const warnings = workingHoursWarnings(side(followTheSun), side(followTheSun, later), from, to);
    expect(warnings.map((w) => [w.responderId, w.localHours, w.shifts.length])).toEqual([['ana', '11:00-12:00', 2]]);
  });

  it('never warns about someone with no working hours recorded', () => {
    const none = new Map(people).set('ana', {
      ...person('ana', 'America/New_York', '11:00', '19:00'),
      workingHours: [],
    });
    const shifted: RotationSchedule = {
      ...followTheSun,
      turnOrders: [{ effectiveAt: '2026-11-12T00:00:00.000Z', order: ['ana', 'emi', 'clara'] }],
    };
    const warnings = workingHoursWarnings(side(followTheSun, none), side(shifted, none), from, to);
    expect(warnings.some((w) => w.responderId === 'ana')).toBe(false);
    expect(warnings.length).toBeGreaterThan(0);
  });
});
