import { Module } from '@nestjs/common';
import { EscalationsModule } from '@app/escalations';
import { SchedulingModule } from '@app/scheduling';
import { AcceptHandoverHandler } from './commands/accept-handover.command.js';
import { ConfigureHandoversHandler } from './commands/configure-handovers.command.js';
import { DraftHandoverSummaryHandler } from './commands/draft-handover-summary.command.js';
import { EndShiftNowHandler } from './commands/end-shift-now.command.js';
import { WriteHandoverSummaryHandler } from './commands/write-handover-summary.command.js';
import { HandoverResolver } from './graphql/handover.resolver.js';
import { HandoversMapper } from './graphql/handovers.mapper.js';
import { HandoverAccessPolicy } from './handovers.policy.js';
import { HandoverQueries } from './projections/handover.queries.js';
import { ShiftBoundariesProjection } from './projections/shift-boundaries.projection.js';
import { BoundaryRecorder } from './scheduler/boundary-recorder.js';
import { HandoverFollowThroughSource } from './scheduler/handover-follow-through.source.js';
import { ShiftBoundarySource } from './scheduler/shift-boundary.source.js';
import { HandoverChangesResolver } from './graphql/handover-changes.resolver.js';

/** Shift boundaries and handovers: what was open when a shift ended, summarised and taken over. */
@Module({
  imports: [SchedulingModule, EscalationsModule],
  providers: [
    ShiftBoundariesProjection,
    HandoverQueries,
    HandoverAccessPolicy,
    HandoversMapper,
    BoundaryRecorder,
    ShiftBoundarySource,
    HandoverFollowThroughSource,
    ConfigureHandoversHandler,
    WriteHandoverSummaryHandler,
    AcceptHandoverHandler,
    DraftHandoverSummaryHandler,
    EndShiftNowHandler,
    HandoverResolver,
    HandoverChangesResolver,
  ],
  exports: [HandoverQueries],
})
export class HandoversModule {}
