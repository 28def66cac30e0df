import { ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { CalendarFeedCreatedData, CalendarFeedEvent } from './calendar-feed.events.js';

export interface CalendarFeed extends CalendarFeedCreatedData {
  revokedAt?: string;
  revokedBy?: string;
}

export type CalendarFeedCommand =
  | ({ type: 'CreateCalendarFeed' } & CalendarFeedCreatedData)
  | { type: 'RevokeCalendarFeed'; feedId: string; by: string; at: string };

/** A feed is created once and revoked once; a second revocation answers like the first and records nothing. */
export const calendarFeedDecider: Decider<CalendarFeedCommand, CalendarFeed | null, CalendarFeedEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'CreateCalendarFeed': {
        if (state) throw new ConflictError(`Calendar feed ${command.feedId} already exists`);
        const { type: _, ...data } = command;
        return [{ type: 'CalendarFeedCreated', data }];
      }
      case 'RevokeCalendarFeed': {
        if (!state) throw new NotFoundError('Calendar feed', command.feedId);
        if (state.revokedAt) return [];
        return [
          {
            type: 'CalendarFeedRevoked',
            data: { feedId: command.feedId, revokedBy: command.by, revokedAt: command.at },
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
      case 'CalendarFeedCreated':
        return { ...event.data };
      case 'CalendarFeedRevoked':
        return state && { ...state, revokedAt: event.data.revokedAt, revokedBy: event.data.revokedBy };
      default: {
        const unknown: never = event;
        throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
