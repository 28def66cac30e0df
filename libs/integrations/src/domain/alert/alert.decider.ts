import { ConflictError } from '@app/core/pure';
import { deterministicId, type Decider } from '@app/event-store/pure';
import type { AlertEvent, AlertOpenedData, AlertRaise } from './alert.events.js';

export interface AlertState {
  /** The escalation opened last (it may have been closed since: the escalation stream knows). */
  current: AlertOpenedData | null;
  openings: number;
}

export type AlertCommand = {
  type: 'OpenAlert';
  streamId: string;
  integrationKeyId: string;
  dedupKey: string;
  /** The escalation the caller found closed; null when the stream had none. */
  replaces: string | null;
  raise: AlertRaise;
};

/** The stale-state refusal: someone opened a newer escalation for this key meanwhile. */
export class AlertAlreadyOpenedError extends ConflictError {}

export const alertDecider: Decider<AlertCommand, AlertState, AlertEvent> = {
  initialState: () => ({ current: null, openings: 0 }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenAlert': {
        const openId = state.current?.escalationId ?? null;
        if (openId !== command.replaces) {
          throw new AlertAlreadyOpenedError(`The alert ${command.dedupKey} has a newer escalation`, {
            escalationId: openId,
          });
        }
        // Derived from the stream and the opening's number, so a crash after this append and a
        // retry complete the same escalation instead of opening another.
        const escalationId = deterministicId(command.streamId, `opening-${state.openings}`);
        return [
          {
            type: 'AlertOpened',
            data: {
              ...command.raise,
              integrationKeyId: command.integrationKeyId,
              dedupKey: command.dedupKey,
              escalationId,
              replaces: command.replaces,
            },
          },
        ];
      }
      default: {
        const unknown: never = command.type;
        throw new Error(`Unknown command ${String(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AlertOpened':
        return { current: event.data, openings: state.openings + 1 };
      default: {
        const unknown: never = event.type;
        return unknown;
      }
    }
  },
};
