import { Args, Float, ID, Query, Resolver } from '@nestjs/graphql';
import { ScheduleQueries, SchedulingMapper } from '@app/scheduling';
import { EscalationFiguresQuery, type TeamStats } from '../queries/escalation-figures.query.js';
import { OnCallFiguresQuery, type ParticipantLoad, type WeekendSlotCount } from '../queries/on-call-figures.query.js';
import { thankYouMarkdown } from '../queries/thank-you.js';
import {
  ParticipantLoadModel,
  ResponderOnCallHoursModel,
  RotationLoadModel,
  WeekendSlotCountModel,
  WeekendThankYouModel,
} from './models/on-call-figures.model.js';
import { EscalationFiguresModel, type TeamEscalationFiguresModel } from './models/escalation-figures.model.js';

@Resolver()
export class FiguresResolver {
  constructor(
    private readonly figures: OnCallFiguresQuery,
    private readonly escalations: EscalationFiguresQuery,
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
  ) {}

  @Query(() => EscalationFiguresModel, {
    description:
      'Escalations per week and per team over [from, to), with time to acknowledge (median, 90th percentile) and the share acknowledged within the SLO',
  })
  escalationFigures(
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('timeZone', { nullable: true, description: 'Where weeks start on Monday 00:00; UTC by default' })
    timeZone?: string,
    @Args('team', { nullable: true }) team?: string,
  ): EscalationFiguresModel {
    const zone = timeZone ?? 'UTC';
    const figures = this.escalations.figures(from, to, zone, team ?? undefined);
    const teams = (list: TeamStats[]): TeamEscalationFiguresModel[] =>
      list.map((t) => ({ team: t.team, stats: t.stats }));
    return {
      from,
      to,
      timeZone: zone,
      total: figures.total,
      teams: teams(figures.teams),
      weeks: figures.weeks.map((week) => ({ ...week, teams: teams(week.teams) })),
    };
  }

  @Query(() => [ResponderOnCallHoursModel], {
    description: 'On-call hours per responder over [from, to), split into working hours and off hours',
  })
  onCallHours(
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('team', { nullable: true }) team?: string,
  ): ResponderOnCallHoursModel[] {
    return this.figures.hoursByResponder(from, to, team).map((row) => ({
      responder: this.mapper.responder(row.responder),
      totalHours: row.totalHours,
      workingHours: row.workingHours,
      offHours: row.offHours,
    }));
  }

  @Query(() => RotationLoadModel, {
    description: 'Load balance of a rotation over [from, to): the spread, and who is above a threshold',
  })
  rotationLoad(
    @Args('rotationId', { type: () => ID }) rotationId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('thresholdHours', { type: () => Float, nullable: true }) thresholdHours?: number,
  ): RotationLoadModel {
    const load = this.figures.rotationLoad(rotationId, from, to, thresholdHours ?? undefined);
    const participant = (p: ParticipantLoad): ParticipantLoadModel => ({
      responder: this.mapper.responderById(p.responderId),
      hours: p.hours,
    });
    const participants = load.participants.map(participant);
    return {
      rotation: this.mapper.rotation(load.rotation),
      from,
      to,
      participants,
      mostLoaded: participants[0],
      leastLoaded: participants[participants.length - 1],
      spreadHours: load.spreadHours,
      meanHours: load.meanHours,
      thresholdHours: load.thresholdHours,
      aboveThreshold: load.aboveThreshold.map(participant),
    };
  }

  @Query(() => [WeekendSlotCountModel], {
    description: 'Weekend slots per responder in a calendar quarter ("2026-Q3", in each rotation’s zone)',
  })
  weekendSlots(@Args('quarter') quarter: string): WeekendSlotCountModel[] {
    return this.figures.weekendSlots(quarter).map((row) => this.slotCount(row));
  }

  @Query(() => WeekendThankYouModel, {
    description: 'The quarterly thank-you: who took weekend slots and how many, also as Markdown',
  })
  weekendThankYou(@Args('quarter') quarter: string): WeekendThankYouModel {
    const people = this.figures.weekendSlots(quarter);
    return { quarter, people: people.map((row) => this.slotCount(row)), markdown: thankYouMarkdown(quarter, people) };
  }

  private slotCount(row: WeekendSlotCount): WeekendSlotCountModel {
    const mapper = this.mapper;
    const queries = this.queries;
    return {
      responder: mapper.responder(row.responder),
      count: row.slots.length,
      slots: row.slots.map((slot) => ({
        get rotation() {
          return mapper.rotation(queries.rotation(slot.rotationId));
        },
        start: new Date(slot.start),
        end: new Date(slot.end),
      })),
    };
  }
}
