import { Inject, Injectable } from '@nestjs/common';
import { ICalCalendar, ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { CLOCK, type Clock } from '@app/core';
import { rotationZoneAt, ScheduleQueries, type Rotation } from '@app/scheduling';
import type { CalendarFeed } from '../domain/calendar-feed.decider.js';
import { feedWindow, mergeStretches, stretchUid } from '../domain/on-call-stretches.js';

/** How often calendar apps are asked to fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 3600;

const KNOWN_ZONES: ReadonlySet<string> = new Set(tzlib_get_timezones() as string[]);
const VTIMEZONES = new Map<string, string | null>();

/** The VTIMEZONE of a zone the library knows (timezones-ical-library, kept from the IANA database); built once per zone. */
function vtimezone(zone: string): string | null {
  let found = VTIMEZONES.get(zone);
  if (found === undefined) {
    const block = KNOWN_ZONES.has(zone) ? tzlib_get_ical_block(zone)[0] : undefined;
    found = block?.startsWith('BEGIN:VTIMEZONE') ? block : null;
    VTIMEZONES.set(zone, found);
  }
  return found;
}

/**
 * A feed as RFC 5545 text: one event per stretch on call (the schedule's own answer, adjacent
 * shifts of one person in one rotation joined), from a month back to twelve months ahead of the
 * clock. Each event is written in its rotation's zone (as it was at the stretch's start) with that
 * zone's VTIMEZONE, or in UTC for a zone the library does not know.
 */
@Injectable()
export class CalendarFeedRenderer {
  constructor(
    private readonly schedule: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  render(feed: CalendarFeed): string {
    const now = this.clock.now();
    const { from, to } = feedWindow(now);
    const { kind, id } = feed.subject;
    const spans =
      kind === 'RESPONDER' ? this.schedule.responderShifts(id, from, to) : this.schedule.rotationShifts(id, from, to);
    const calendar = new ICalCalendar({
      prodId: { company: 'incident-coordination', product: 'on-call calendar feeds' },
      method: ICalCalendarMethod.PUBLISH,
      name: `On call: ${kind === 'RESPONDER' ? this.schedule.responder(id).name : this.schedule.rotation(id).name}`,
      ttl: FEED_REFRESH_SECONDS,
    });
    // No calendar-wide zone: each event names its own, and DTSTAMP stays in UTC.
    calendar.timezone({ name: null, generator: vtimezone });
    const rotations = new Map<string, Rotation>();
    const names = new Map<string, string>();
    const nameOf = (responderId: string) =>
      cached(names, responderId, () => this.schedule.findResponder(responderId)?.name ?? 'Someone');
    for (const stretch of mergeStretches(spans)) {
      const rotation = cached(rotations, stretch.rotationId, () => this.schedule.rotation(stretch.rotationId));
      const zone = rotationZoneAt(rotation, stretch.start);
      const known = vtimezone(zone) !== null ? zone : 'UTC';
      calendar.createEvent({
        id: stretchUid(stretch),
        start: DateTime.fromMillis(stretch.start, { zone: known }),
        end: DateTime.fromMillis(stretch.end, { zone: known }),
        timezone: known,
        stamp: now,
        summary:
          kind === 'RESPONDER'
            ? `On call: ${rotation.name}`
            : `${nameOf(stretch.responderId)} on call: ${rotation.name}`,
        description: `On call for ${rotation.name} (team ${rotation.team}); times in ${zone}.`,
        transparency: ICalEventTransparency.OPAQUE,
      });
    }
    return calendar.toString();
  }
}

function cached<T>(cache: Map<string, T>, key: string, load: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = load()));
  return value;
}
