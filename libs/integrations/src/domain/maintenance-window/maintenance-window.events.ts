import type { DomainEvent } from '@app/event-store/pure';

export interface MaintenanceWindowScheduledData {
  windowId: string;
  serviceId: string | null;
  rotationId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  scheduledAt: string;
  scheduledBy: string;
}

export type MaintenanceWindowEvent =
  | DomainEvent<'MaintenanceWindowScheduled', MaintenanceWindowScheduledData>
  | DomainEvent<'MaintenanceWindowEnded', { windowId: string; endedAt: string; endedBy: string }>;

export const maintenanceWindowStream = (windowId: string) => `maintenance-window-${windowId}`;

/** A window covers at most a day: longer silences hide real outages. */
export const MAX_WINDOW_HOURS = 24;
