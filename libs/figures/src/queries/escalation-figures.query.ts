import { Injectable } from '@nestjs/common';
import { BadUserInputError, boundedWalk, isIanaTimeZone, MAX_RANGE_DAYS } from '@app/core';
import { civilDayOf, CurrentOnCallProjection, wallClockInstant, weekdayOf } from '@app/scheduling';
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
const CACHED_ANSWERS = 64;

/**
 * Escalations per week and per team over a range, with time to acknowledge. An escalation counts
 * for the week it was raised in (weeks start on Monday in the zone asked for) and for the team of
 * the rotation it is routed to.
 */
@Injectable()
export class EscalationFiguresQuery {
  /** Answers computed since the rows last changed (a dashboard asks the same question again and again). */
  private readonly answers = new Map<string, EscalationFigures>();
  private answersRevision = -1;

  constructor(
    private readonly readModel: EscalationFiguresProjection,
    private readonly schedule: CurrentOnCallProjection,
  ) {}

  figures(from: Date, to: Date, timeZone = 'UTC', team?: string): EscalationFigures {
    assertRange(from, to);
    if (!isIanaTimeZone(timeZone)) throw new BadUserInputError('timeZone', 'timeZone must be an IANA time zone');
    if (this.answersRevision !== this.readModel.rowsRevision) {
      this.answers.clear();
      this.answersRevision = this.readModel.rowsRevision;
    }
    const key = JSON.stringify([from.getTime(), to.getTime(), timeZone, team ?? null]);
    let answer = this.answers.get(key);
    if (!answer) {
      if (this.answers.size >= CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
      answer = this.compute(from, to, timeZone, team);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private compute(from: Date, to: Date, timeZone: string, team: string | undefined): EscalationFigures {
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
    if (rows.length > 0) {
      // Rows come oldest first: walk the week boundaries (Mondays 00:00 in the zone) alongside them.
      const firstDay = civilDayOf(rows[0].raisedAt, timeZone);
      let monday = firstDay - (weekdayOf(firstDay) - 1);
      let nextWeek = wallClockInstant(monday + 7, 0, timeZone);
      let list: EscalationFigureRow[] = [];
      weeks.set(monday, list);
      // The rows fall within [from, to), at most MAX_RANGE_DAYS: that many weeks, and a few more.
      const step = boundedWalk('a week walk', Math.ceil(MAX_RANGE_DAYS / 7) + 3);
      for (const row of rows) {
        while (row.raisedAt >= nextWeek) {
          step();
          monday += 7;
          nextWeek = wallClockInstant(monday + 7, 0, timeZone);
          list = [];
          weeks.set(monday, list);
        }
        list.push(row);
      }
      for (const [key, value] of weeks) if (value.length === 0) weeks.delete(key);
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
