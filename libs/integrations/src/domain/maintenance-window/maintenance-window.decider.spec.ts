import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { isActive, maintenanceWindowDecider } from './maintenance-window.decider.js';
import type { MaintenanceWindowEvent, MaintenanceWindowScheduledData } from './maintenance-window.events.js';

const spec = deciderSpecification(maintenanceWindowDecider);
const data: MaintenanceWindowScheduledData = {
  windowId: 'w1',
  serviceId: 's1',
  rotationId: null,
  startsAt: '2026-07-15T12:00:00.000Z',
  endsAt: '2026-07-16T12:00:00.000Z',
  reason: 'database upgrade',
  scheduledAt: '2026-07-15T11:00:00.000Z',
  scheduledBy: 'manager-1',
};
const scheduled: MaintenanceWindowEvent = { type: 'MaintenanceWindowScheduled', data };
const schedule = (change: Partial<MaintenanceWindowScheduledData> = {}) =>
  ({ type: 'ScheduleMaintenanceWindow', ...data, ...change }) as const;

describe('maintenance window decider', () => {
  it('schedules a window of at most 24 hours', () => {
    spec.given([]).when(schedule()).then([scheduled]);
    spec
      .given([])
      .when(schedule({ endsAt: '2026-07-16T12:00:00.001Z' }))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('end'));
    spec
      .given([])
      .when(schedule({ endsAt: data.startsAt }))
      .thenThrows(BadUserInputError);
    spec
      .given([])
      .when(schedule({ startsAt: '2026-07-15T09:00:00.000Z', endsAt: '2026-07-15T10:00:00.000Z' }))
      .thenThrows(BadUserInputError);
    spec
      .given([])
      .when(schedule({ rotationId: 'r1' }))
      .thenThrows(BadUserInputError);
  });

  it('ends a window early, once', () => {
    const end = { type: 'EndMaintenanceWindow', windowId: 'w1', at: '2026-07-15T13:00:00.000Z', by: 'admin' } as const;
    const ended: MaintenanceWindowEvent = {
      type: 'MaintenanceWindowEnded',
      data: { windowId: 'w1', endedAt: end.at, endedBy: 'admin' },
    };
    spec.given([scheduled]).when(end).then([ended]);
    spec.given([scheduled, ended]).when(end).thenThrows(ConflictError);
    spec.given([]).when(end).thenThrows(NotFoundError);
  });

  it('is active from its start until its end or its early end', () => {
    const window = maintenanceWindowDecider.evolve(null, scheduled)!;
    expect(isActive(window, new Date('2026-07-15T11:59:59Z'))).toBe(false);
    expect(isActive(window, new Date('2026-07-15T12:00:00Z'))).toBe(true);
    expect(isActive(window, new Date('2026-07-16T12:00:00Z'))).toBe(false);
    const ended = { ...window, endedAt: '2026-07-15T13:00:00.000Z' };
    expect(isActive(ended, new Date('2026-07-15T13:00:00Z'))).toBe(false);
  });
});
