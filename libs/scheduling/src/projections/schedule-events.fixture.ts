import type { ResponderEvent } from '../domain/responder/responder.events.js';

/** A responder registered at `at`, named and handled by their id: for the read models' specs. */
export const registered = (responderId: string, at: string): ResponderEvent => ({
  type: 'ResponderRegistered',
  data: {
    responderId,
    name: responderId,
    handle: responderId,
    timeZone: 'UTC',
    team: 'platform',
    role: 'engineer',
    workingHours: [],
    onCallRestricted: false,
    registeredAt: at,
  },
});
