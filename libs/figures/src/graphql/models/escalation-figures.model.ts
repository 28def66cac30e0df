import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AcknowledgementStats', {
  description:
    'Escalations counted, and how fast they were acknowledged: time from raising to the first acknowledged page.',
})
export class AcknowledgementStatsModel {
  @Field(() => Int)
  escalations: number;

  @Field(() => Int)
  acknowledged: number;

  @Field(() => Int, { description: 'Acknowledged within the SLO of the policy they were raised under' })
  acknowledgedWithinSlo: number;

  @Field(() => Float, {
    nullable: true,
    description: 'acknowledgedWithinSlo / escalations (an unacknowledged one is outside); null when none',
  })
  withinSloShare: number | null;

  @Field(() => Float, { nullable: true, description: 'Median seconds to acknowledge (acknowledged ones only)' })
  medianSecondsToAcknowledge: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile (nearest rank) of seconds to acknowledge' })
  p90SecondsToAcknowledge: number | null;
}

@ObjectType('TeamEscalationFigures')
export class TeamEscalationFiguresModel {
  @Field({ description: 'The team of the rotation the escalation is routed to' })
  team: string;

  @Field(() => AcknowledgementStatsModel)
  stats: AcknowledgementStatsModel;
}

@ObjectType('WeekEscalationFigures')
export class WeekEscalationFiguresModel {
  @Field({ description: 'Monday of the week (YYYY-MM-DD) in the zone asked for' })
  weekStart: string;

  @Field({ description: 'ISO week, e.g. 2026-W29' })
  week: string;

  @Field(() => AcknowledgementStatsModel)
  stats: AcknowledgementStatsModel;

  @Field(() => [TeamEscalationFiguresModel], { description: 'Most escalations first' })
  teams: TeamEscalationFiguresModel[];
}

@ObjectType('EscalationFigures', { description: 'Escalations per week and per team over a range.' })
export class EscalationFiguresModel {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field()
  timeZone: string;

  @Field(() => AcknowledgementStatsModel)
  total: AcknowledgementStatsModel;

  @Field(() => [TeamEscalationFiguresModel])
  teams: TeamEscalationFiguresModel[];

  @Field(() => [WeekEscalationFiguresModel], { description: 'Weeks with at least one escalation, in order' })
  weeks: WeekEscalationFiguresModel[];
}
