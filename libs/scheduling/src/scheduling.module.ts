import { Module } from '@nestjs/common';
import { CancelOverrideHandler } from './commands/cancel-override.command.js';
import { ChangeResponderAvailabilityHandler } from './commands/change-responder-availability.command.js';
import { ChangeRotationMembershipHandler } from './commands/change-rotation-membership.command.js';
import { CreateRotationHandler } from './commands/create-rotation.command.js';
import { RegisterResponderHandler } from './commands/register-responder.command.js';
import { ScheduleOverrideHandler } from './commands/schedule-override.command.js';
import { SwapShiftsHandler } from './commands/swap-shifts.command.js';
import { OnCallResolver } from './graphql/on-call.resolver.js';
import { ResponderResolver } from './graphql/responder.resolver.js';
import { RotationResolver } from './graphql/rotation.resolver.js';
import { SchedulingMapper } from './graphql/scheduling.mapper.js';
import { CurrentOnCallProjection } from './projections/current-on-call.projection.js';
import { ScheduleQueries } from './projections/schedule.queries.js';
import { ResponderAuditSource, RotationAuditSource } from './scheduling.audit.js';
import { SchedulingPolicy } from './scheduling.policy.js';

/** Who is on call: responders, rotations, overrides and swaps. */
@Module({
  providers: [
    CurrentOnCallProjection,
    ScheduleQueries,
    SchedulingMapper,
    SchedulingPolicy,
    RotationAuditSource,
    ResponderAuditSource,
    RegisterResponderHandler,
    ChangeResponderAvailabilityHandler,
    CreateRotationHandler,
    ChangeRotationMembershipHandler,
    ScheduleOverrideHandler,
    CancelOverrideHandler,
    SwapShiftsHandler,
    ResponderResolver,
    RotationResolver,
    OnCallResolver,
  ],
  exports: [ScheduleQueries, SchedulingMapper],
})
export class SchedulingModule {}
