import { Injectable } from '@nestjs/common';
import { BadUserInputError, isIanaTimeZone } from '@app/core';
import { civilDayOf, CurrentOnCallProjection, weekdayOf } from '@app/scheduling';
import { DateTime } from 'luxon';
import { assertRange } from './on-call-figures.query.js';
import { EscalationFiguresProjection, type EscalationFigureRow } from '../projections/escalation-figures.projection.js';
import { acknowledgementStats, type AcknowledgementStats } from './acknowledgement-stats.js';

export interface TeamStats {
  team: string;
  stats: AcknowledgementStats;
}

export interface WeekStats {
  /** Monday of the week, YYYY-MM-DD in the zone asked for. */
  weekStart: string;
  /** ISO week, e.g. 2026-W29. */
  week: string;
  stats: AcknowledgementStats;
  teams: TeamStats[];
}

export interface EscalationFigures {
  total: AcknowledgementStats;
  teams: TeamStats[];
  weeks: WeekStats[];
}

const DAY_MS = 86_400_000;

/**
 * Escalations per week and per team over a range, with time to acknowledge. An escalation counts
 * for the week it was raised in (weeks start on Monday in the zone asked for) and for the team of
 * the rotation it is routed to.
 */
@Injectable()
export class EscalationFiguresQuery {
  constructor(
    private readonly readModel: EscalationFiguresProjection,
    private readonly schedule: CurrentOnCallProjection,
  ) {}

  figures(from: Date, to: Date, timeZone = 'UTC', team?: string): EscalationFigures {
    assertRange(from, to);
    if (!isIanaTimeZone(timeZone)) throw new BadUserInputError('timeZone', 'timeZone must be an IANA time zone');
    const teamOf = new Map<string, string>();
    const teamFor = (rotationId: string) => {
      let name = teamOf.get(rotationId);
      if (name === undefined) teamOf.set(rotationId, (name = this.schedule.rotation(rotationId)?.team ?? 'unknown'));
      return name;
    };
    const rows = this.readModel
      .raisedBetween(from, to)
      .filter((row) => team === undefined || teamFor(row.rotationId) === team);
    const weeks = new Map<number, EscalationFigureRow[]>();
    for (const row of rows) {
      const day = civilDayOf(Date.parse(row.raisedAt), timeZone);
      const monday = day - (weekdayOf(day) - 1);
      let list = weeks.get(monday);
      if (!list) weeks.set(monday, (list = []));
      list.push(row);
    }
    const byTeam = (list: EscalationFigureRow[]): TeamStats[] => {
      const groups = new Map<string, EscalationFigureRow[]>();
      for (const row of list) {
        const name = teamFor(row.rotationId);
        let group = groups.get(name);
        if (!group) groups.set(name, (group = []));
        group.push(row);
      }
      return [...groups.entries()]
        .map(([name, group]) => ({ team: name, stats: acknowledgementStats(group) }))
        .sort((a, b) => b.stats.escalations - a.stats.escalations || a.team.localeCompare(b.team));
    };
    return {
      total: acknowledgementStats(rows),
      teams: byTeam(rows),
      weeks: [...weeks.entries()]
        .sort(([a], [b]) => a - b)
        .map(([monday, list]) => {
          const date = DateTime.fromMillis(monday * DAY_MS, { zone: 'UTC' });
          return {
            weekStart: date.toISODate()!,
            week: `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`,
            stats: acknowledgementStats(list),
            teams: byTeam(list),
          };
        }),
    };
  }
}
