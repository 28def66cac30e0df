import type { Decider } from '@app/event-store/pure';
import type { PresenceEvent, PresenceStatus } from './presence.events.js';

export type PresenceState = { status: PresenceStatus; since: string } | null;

export type PresenceCommand = {
  type: 'SetPresence';
  responderId: string;
  status: PresenceStatus;
  at: string;
  by: string;
};

/** Online or away, as a chat integration or the responder reports it. */
export const presenceDecider: Decider<PresenceCommand, PresenceState, PresenceEvent> = {
  initialState: () => null,

  decide(command, state) {
    if (state?.status === command.status) return [];
    const { type: _, ...data } = command;
    return [{ type: 'ResponderPresenceChanged', data }];
  },

  evolve: (_state, event) => ({ status: event.data.status, since: event.data.at }),
};
