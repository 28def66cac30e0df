import { BadUserInputError, ConflictError, UnauthenticatedError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { SessionEndReason, SessionEvent, SessionStartedData } from './session.events.js';

export interface Session extends SessionStartedData {
  endedAt?: string;
  endReason?: SessionEndReason;
}

export type SessionCommand =
  | ({ type: 'StartSession' } & SessionStartedData)
  | { type: 'EndSession'; sessionId: string; reason: SessionEndReason; now: string };

/** The longest a session may be configured to last (SESSION_TTL_HOURS): 30 days. */
export const MAX_SESSION_HOURS = 720;

/** A browser session: started once, ended once (signing out); it expires by itself at `expiresAt`. */
export const sessionDecider: Decider<SessionCommand, Session | null, SessionEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'StartSession': {
        if (state) throw new ConflictError(`Session ${command.sessionId} already exists`);
        const lifetime = Date.parse(command.expiresAt) - Date.parse(command.startedAt);
        if (!(lifetime > 0) || lifetime > MAX_SESSION_HOURS * 3_600_000) {
          throw new BadUserInputError('expiresAt', `a session must end within ${MAX_SESSION_HOURS} hours`);
        }
        const { type: _, ...data } = command;
        return [{ type: 'SessionStarted', data }];
      }
      case 'EndSession': {
        if (!state) throw new UnauthenticatedError('There is no such session');
        if (state.endedAt) return [];
        return [
          { type: 'SessionEnded', data: { sessionId: state.sessionId, reason: command.reason, endedAt: command.now } },
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
      case 'SessionStarted':
        return { ...event.data };
      case 'SessionEnded':
        return state && { ...state, endedAt: event.data.endedAt, endReason: event.data.reason };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
