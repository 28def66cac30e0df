import { BadUserInputError, NotFoundError } from '@app/core';
import type { ResponderAvailability } from '../domain/schedule/schedule.types.js';
import type { ScheduleQueries } from '../projections/schedule.queries.js';

/** Looks the responders up in the read model: NOT_FOUND for an unknown id, else their availability. */
export function respondersMustExist(
  queries: ScheduleQueries,
  ids: Iterable<string>,
): Record<string, ResponderAvailability> {
  const availability: Record<string, ResponderAvailability> = {};
  for (const id of ids) {
    const responder = queries.findResponder(id);
    if (!responder) throw new NotFoundError('Responder', id);
    availability[id] = responder;
  }
  return availability;
}

/** Responders joining a rotation: known, and not deactivated (nor to be). */
export function respondersMayJoin(queries: ScheduleQueries, ids: Iterable<string>, field: string): void {
  for (const [id, responder] of Object.entries(respondersMustExist(queries, ids))) {
    if (responder.deactivatedAt !== undefined) {
      throw new BadUserInputError(field, `responder ${id} is deactivated and cannot join a rotation`);
    }
  }
}
