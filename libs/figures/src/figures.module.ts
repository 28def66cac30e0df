import { Module } from '@nestjs/common';
import { SchedulingModule } from '@app/scheduling';
import { FiguresResolver } from './graphql/figures.resolver.js';
import { OnCallFiguresQuery } from './queries/on-call-figures.query.js';

/** The figures people ask for: on-call hours, load balance, weekend slots and the quarterly thank-you. */
@Module({
  imports: [SchedulingModule],
  providers: [OnCallFiguresQuery, FiguresResolver],
})
export class FiguresModule {}
