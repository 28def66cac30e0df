import type { NewEvent } from '@app/event-store';
import * as seeded from './seeded-history.js';
import { DAY, HOUR } from './seeded-history.js';

export const RESPONDERS = 2_000;
export const ROTATIONS = 200;

const ROSTER = seeded.roster({ responders: RESPONDERS, rotations: ROTATIONS, perRotation: 4 });

/**
 * A year of a service's life, `total` events: responders, rotations with their escalation policies,
 * then in turn unavailability spans, overrides and escalations (raised, paged, acknowledged, noted,
 * resolved) as the escalation decider decides them (bench/seeded-history.ts). Every event is in the
 * past of `now`.
 */
export function* history(total: number, now: number): Generator<[string, NewEvent[]]> {
  let written = 0;
  for (const [stream, event] of seeded.setUp(ROSTER, now, {
    teams: 50,
    rotationTimeZone: 'America/New_York',
    workingHours: seeded.OFFICE_HOURS,
  })) {
    written += 1;
    yield [stream, [event]];
  }
  for (let i = 0; written < total; i++) {
    const start = now - (1 + (i % 300)) * DAY;
    if (i % 3 === 0) {
      written += 1;
      const [stream, event] = seeded.unavailability(ROSTER, i % RESPONDERS, start, 10 * HOUR);
      yield [stream, [event]];
    } else if (i % 3 === 1) {
      const t = i % ROTATIONS;
      written += 1;
      const [stream, event] = seeded.override(ROSTER, t, {
        responderId: ROSTER.participant(t, 5),
        start,
        durationMs: 4 * HOUR,
        timeZone: 'UTC',
        createdBy: 'bench',
      });
      yield [stream, [event]];
    } else {
      const events = seeded.escalationEvents(ROSTER, i, { raisedAt: start }).slice(0, total - written);
      written += events.length;
      yield seeded.toAppend(events);
    }
  }
}
