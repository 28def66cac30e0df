import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import {
  MAX_WINDOW_HOURS,
  type MaintenanceWindowEvent,
  type MaintenanceWindowScheduledData,
} from './maintenance-window.events.js';

export interface MaintenanceWindow extends MaintenanceWindowScheduledData {
  /** Ended early by someone; the window then stops at that instant. */
  endedAt: string | null;
  endedBy: string | null;
}

export type MaintenanceWindowCommand =
  | ({ type: 'ScheduleMaintenanceWindow' } & MaintenanceWindowScheduledData)
  | { type: 'EndMaintenanceWindow'; windowId: string; at: string; by: string };

const HOUR_MS = 3_600_000;

export const maintenanceWindowDecider: Decider<
  MaintenanceWindowCommand,
  MaintenanceWindow | null,
  MaintenanceWindowEvent
> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'ScheduleMaintenanceWindow': {
        if (state) throw new ConflictError(`Maintenance window ${command.windowId} already exists`);
        if ((command.serviceId === null) === (command.rotationId === null)) {
          throw new BadUserInputError('serviceId', 'name either a service or a rotation');
        }
        const length = Date.parse(command.endsAt) - Date.parse(command.startsAt);
        if (!(length > 0)) throw new BadUserInputError('end', 'end must be after start');
        if (length > MAX_WINDOW_HOURS * HOUR_MS) {
          throw new BadUserInputError('end', `a maintenance window lasts at most ${MAX_WINDOW_HOURS} hours`);
        }
        if (Date.parse(command.endsAt) <= Date.parse(command.scheduledAt)) {
          throw new BadUserInputError('end', 'end must be in the future');
        }
        const { type: _, ...data } = command;
        return [{ type: 'MaintenanceWindowScheduled', data }];
      }
      case 'EndMaintenanceWindow': {
        if (!state) throw new NotFoundError('Maintenance window', command.windowId);
        if (state.endedAt || Date.parse(state.endsAt) <= Date.parse(command.at)) {
          throw new ConflictError(`Maintenance window ${command.windowId} is already over`);
        }
        return [
          {
            type: 'MaintenanceWindowEnded',
            data: { windowId: command.windowId, endedAt: command.at, endedBy: command.by },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'MaintenanceWindowScheduled':
        return { ...event.data, endedAt: null, endedBy: null };
      case 'MaintenanceWindowEnded':
        return state && { ...state, endedAt: event.data.endedAt, endedBy: event.data.endedBy };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};

/** Whether the window silences alerts at `at`. */
export function isActive(window: MaintenanceWindow, at: Date): boolean {
  const t = at.getTime();
  const end = Math.min(Date.parse(window.endsAt), window.endedAt ? Date.parse(window.endedAt) : Infinity);
  return Date.parse(window.startsAt) <= t && t < end;
}
