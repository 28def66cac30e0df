import { Module } from '@nestjs/common';
import { CancelOverrideHandler } from './commands/cancel-override.command.js';
import { ChangeResponderAvailabilityHandler } from './commands/change-responder-availability.command.js';
import { ChangeRotationMembershipHandler } from './commands/change-rotation-membership.command.js';
import { CoverRestOfShiftHandler } from './commands/cover-rest-of-shift.command.js';
import { CreateRotationHandler } from './commands/create-rotation.command.js';
import { RegisterResponderHandler } from './commands/register-responder.command.js';
import { ScheduleOverrideHandler } from './commands/schedule-override.command.js';
import { SwapShiftsHandler } from './commands/swap-shifts.command.js';
import { CloseSlotRoundsAtDeadline } from './scheduler/close-slot-rounds.due-task.js';
import { PublishSlotRoundHandler } from './commands/publish-slot-round.command.js';
import { VolunteerForSlotHandler } from './commands/volunteer-for-slot.command.js';
import { SlotRoundResolver } from './graphql/slot-round.resolver.js';
import { CorrectRotationHandler } from './commands/correct-rotation.command.js';
import { DeactivateResponderHandler } from './commands/deactivate-responder.command.js';
import { UpdateResponderHandler } from './commands/update-responder.command.js';
import { CorrectionsResolver } from './graphql/corrections.resolver.js';
import { ScheduleWarnings } from './projections/schedule-warnings.js';
import { OnCallLedger } from './projections/on-call-ledger.js';
import { SlotRoundFacts } from './projections/slot-round-facts.js';
import { RecordedScheduleQuery } from './projections/recorded-schedule.query.js';
import { SlotRoundsProjection } from './projections/slot-rounds.projection.js';
import { OnCallResolver } from './graphql/on-call.resolver.js';
import { ResponderResolver } from './graphql/responder.resolver.js';
import { OverrideResolver, SwapResolver } from './graphql/override-and-swap.resolver.js';
import { ResponderActorSource } from './graphql/responder-actor.source.js';
import { ResponderListsResolver, RotationListsResolver } from './graphql/schedule-lists.resolver.js';
import { RotationResolver } from './graphql/rotation.resolver.js';
import { SchedulingMapper } from './graphql/scheduling.mapper.js';
import { CurrentOnCallProjection } from './projections/current-on-call.projection.js';
import { ScheduleQueries } from './projections/schedule.queries.js';
import { ResponderAuditSource, RotationAuditSource } from './scheduling.audit.js';
import { SchedulingPolicy } from './scheduling.policy.js';
import {
  DEFAULT_ON_CALL_REFRESH_MS,
  ON_CALL_REFRESH_MS,
  OnCallChangesResolver,
} from './graphql/on-call-changes.resolver.js';

/** Who is on call: responders, rotations, overrides, swaps and weekend slot rounds. */
@Module({
  providers: [
    CurrentOnCallProjection,
    SlotRoundsProjection,
    OnCallLedger,
    SlotRoundFacts,
    RecordedScheduleQuery,
    PublishSlotRoundHandler,
    VolunteerForSlotHandler,
    CloseSlotRoundsAtDeadline,
    SlotRoundResolver,
    ScheduleQueries,
    ScheduleWarnings,
    SchedulingMapper,
    SchedulingPolicy,
    RotationAuditSource,
    ResponderAuditSource,
    RegisterResponderHandler,
    ChangeResponderAvailabilityHandler,
    CreateRotationHandler,
    ChangeRotationMembershipHandler,
    ScheduleOverrideHandler,
    CoverRestOfShiftHandler,
    CancelOverrideHandler,
    SwapShiftsHandler,
    UpdateResponderHandler,
    DeactivateResponderHandler,
    CorrectRotationHandler,
    CorrectionsResolver,
    ResponderResolver,
    RotationResolver,
    OnCallResolver,
    OnCallChangesResolver,
    { provide: ON_CALL_REFRESH_MS, useValue: DEFAULT_ON_CALL_REFRESH_MS },
    ResponderActorSource,
    OverrideResolver,
    SwapResolver,
    RotationListsResolver,
    ResponderListsResolver,
  ],
  exports: [ScheduleQueries, SchedulingMapper, OnCallLedger, CurrentOnCallProjection, SlotRoundsProjection],
})
export class SchedulingModule {}
