import { projectionSpecification } from '@app/event-store/testing';
import type {
  MaintenanceWindowEvent,
  MaintenanceWindowScheduledData,
} from '../domain/maintenance-window/maintenance-window.events.js';
import { MaintenanceWindowsProjection } from './maintenance-windows.projection.js';

const spec = projectionSpecification(() => new MaintenanceWindowsProjection());
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
const ended: MaintenanceWindowEvent = {
  type: 'MaintenanceWindowEnded',
  data: { windowId: 'w1', endedAt: '2026-07-15T18:00:00.000Z', endedBy: 'manager-1' },
};

describe('maintenance-windows projection', () => {
  it('knows a scheduled window and when it is active', () => {
    spec.given([scheduled]).then((windows) => {
      expect(windows.find('w1')).toMatchObject({ windowId: 'w1', serviceId: 's1', reason: 'database upgrade' });
      expect(windows.activeAt(new Date('2026-07-15T11:59:59Z'))).toEqual([]);
      expect(windows.activeAt(new Date('2026-07-15T20:00:00Z')).map((w) => w.windowId)).toEqual(['w1']);
    });
  });

  it('stops a window ended early at the moment it was ended', () => {
    spec
      .given([scheduled])
      .when([ended])
      .then((windows) => {
        expect(windows.find('w1')?.endedAt).toBe('2026-07-15T18:00:00.000Z');
        expect(windows.activeAt(new Date('2026-07-15T17:59:59Z')).map((w) => w.windowId)).toEqual(['w1']);
        expect(windows.activeAt(new Date('2026-07-15T18:00:00Z'))).toEqual([]);
      });
  });

  it('ignores events of other streams and an end without a window', () => {
    spec
      .given([{ type: 'ResponderRegistered', data: { responderId: 'r1' } }, ended])
      .then((windows) => expect(windows.find('w1')).toBeNull());
  });
});
