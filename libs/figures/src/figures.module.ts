import { Module } from '@nestjs/common';
import { SchedulingModule } from '@app/scheduling';
import { FiguresResolver } from './graphql/figures.resolver.js';
import { EscalationFiguresProjection } from './projections/escalation-figures.projection.js';
import { EscalationFiguresQuery } from './queries/escalation-figures.query.js';
import { OnCallFiguresQuery } from './queries/on-call-figures.query.js';

/**
 * The figures people ask for: escalations per week and per team with time to acknowledge, on-call
 * hours, load balance, weekend slots and the quarterly thank-you.
 */
@Module({
  imports: [SchedulingModule],
  providers: [EscalationFiguresProjection, EscalationFiguresQuery, OnCallFiguresQuery, FiguresResolver],
})
export class FiguresModule {}
