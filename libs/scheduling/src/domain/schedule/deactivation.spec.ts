import { OnCallTimeline } from './on-call-timeline.js';
import type { ResponderAvailability, RotationSchedule } from './schedule.types.js';

const daily: RotationSchedule = {
  rotationId: 'r1',
  timeZone: 'UTC',
  startDate: '2026-11-09',
  pattern: { cycle: 'daily', handoffs: [{ time: '09:00' }], respondersPerShift: 1 },
  coverageWindows: [],
  driWindows: [],
  participants: [{ responderId: 'ana' }, { responderId: 'ben' }],
  shadows: [],
  overrides: [],
  swaps: [],
};
const people: Record<string, ResponderAvailability> = {
  ana: { responderId: 'ana', restrictions: [], unavailability: [] },
  ben: { responderId: 'ben', restrictions: [], unavailability: [], deactivatedAt: '2026-11-10T12:00:00.000Z' },
};
const onCall = (schedule: RotationSchedule, at: string) =>
  new OnCallTimeline(schedule, (id) => people[id]).at(Date.parse(at)).map((s) => [s.responderId, s.reason.kind]);

describe('a deactivated responder on the schedule', () => {
  it('keeps their shifts before the deactivation', () => {
    expect(onCall(daily, '2026-11-09T10:00:00Z')).toEqual([['ana', 'TURN']]);
  });

  it('is skipped for every shift reaching past it, even one that started before', () => {
    // Ben's turn runs from the 10th 09:00 to the 11th 09:00, past his deactivation at 12:00
    expect(onCall(daily, '2026-11-10T10:00:00Z')).toEqual([['ana', 'TURN']]);
    expect(onCall(daily, '2026-11-12T10:00:00Z')).toEqual([['ana', 'TURN']]);
  });

  it('no longer covers an override or takes a swapped shift from then on', () => {
    const schedule: RotationSchedule = {
      ...daily,
      overrides: [
        {
          overrideId: 'o1',
          responderId: 'ben',
          start: '2026-11-13T10:00:00.000Z',
          end: '2026-11-13T12:00:00.000Z',
          timeZone: 'UTC',
          createdBy: 'admin',
        },
      ],
      swaps: [
        {
          swapId: 's1',
          first: { shiftStart: '2026-11-14T09:00:00.000Z', responderId: 'ana' },
          second: { shiftStart: '2026-11-09T09:00:00.000Z', responderId: 'ben' },
          createdBy: 'admin',
        },
      ],
    };
    expect(onCall(schedule, '2026-11-13T11:00:00Z')).toEqual([['ana', 'TURN']]);
    expect(onCall(schedule, '2026-11-14T10:00:00Z')).toEqual([['ana', 'TURN']]);
  });
});
