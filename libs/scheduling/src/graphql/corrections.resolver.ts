import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, type RequestContext } from '@app/core';
import {
  ChangeRotationMembershipCommand,
  type MembershipChangeKind,
} from '../commands/change-rotation-membership.command.js';
import type { CorrectionOutcome } from '../commands/correction-outcome.js';
import { CorrectRotationCommand, type RotationCorrectionRequest } from '../commands/correct-rotation.command.js';
import { DeactivateResponderCommand } from '../commands/deactivate-responder.command.js';
import { UpdateResponderCommand } from '../commands/update-responder.command.js';
import type { EffectiveFrom } from '../domain/rotation/effective-handoff.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { toClockWindows } from './inputs/clock-window.input.js';
import {
  ArchiveRotationInput,
  ChangeShiftPatternInput,
  DeactivateResponderInput,
  ReorderParticipantsInput,
  UpdateResponderInput,
  UpdateRotationInput,
} from './inputs/corrections.input.js';
import { toShiftPattern } from './inputs/create-rotation.input.js';
import { RotationMembershipInput } from './inputs/rotation-changes.input.js';
import { ResponderChangePayload, RotationChangePayload } from './models/correction.model.js';
import { SchedulingMapper } from './scheduling.mapper.js';

/**
 * Corrections of people and rotations. Each answers what it changed and, where the schedule moves,
 * the working-hours warnings: whom the change puts on call outside their hours (not an error).
 */
@Resolver()
export class CorrectionsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
  ) {}

  @Mutation(() => ResponderChangePayload, { description: 'Name, handle, zone, team, role or working hours' })
  async updateResponder(
    @Args('input') input: UpdateResponderInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderChangePayload> {
    const { responderId, workingHours, ...rest } = input;
    const changes = { ...rest, ...(workingHours !== undefined ? { workingHours: toClockWindows(workingHours) } : {}) };
    return this.responderPayload(
      await this.commands.execute(new UpdateResponderCommand(responderId, changes, context)),
    );
  }

  @Mutation(() => ResponderChangePayload, {
    description: 'Leaves every rotation from a date (history kept); not paged, not on call, tokens refused from then',
  })
  async deactivateResponder(
    @Args('input') input: DeactivateResponderInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderChangePayload> {
    return this.responderPayload(await this.commands.execute(new DeactivateResponderCommand(input, context)));
  }

  @Mutation(() => RotationChangePayload, { description: 'Name and team at once; a zone from a date' })
  updateRotation(@Args('input') input: UpdateRotationInput, @CurrentRequest() context: RequestContext) {
    const changes = { ...(input.name ? { name: input.name } : {}), ...(input.team ? { team: input.team } : {}) };
    const timeZone =
      input.timeZone !== undefined || input.timeZoneFromDate !== undefined
        ? { timeZone: input.timeZone, fromDate: input.timeZoneFromDate }
        : undefined;
    return this.correct(input.rotationId, { kind: 'update', changes, timeZone }, context);
  }

  @Mutation(() => RotationChangePayload, {
    description: 'A new shift pattern from a future handoff; the shifts before it stay as they were',
  })
  changeShiftPattern(@Args('input') input: ChangeShiftPatternInput, @CurrentRequest() context: RequestContext) {
    const correction = { kind: 'pattern' as const, pattern: toShiftPattern(input.pattern), from: effectiveFrom(input) };
    return this.correct(input.rotationId, correction, context);
  }

  @Mutation(() => RotationChangePayload, { description: 'A new turn order from a date or shift (now by default)' })
  reorderParticipants(@Args('input') input: ReorderParticipantsInput, @CurrentRequest() context: RequestContext) {
    const correction = { kind: 'reorder' as const, order: input.participantIds, from: effectiveFrom(input) };
    return this.correct(input.rotationId, correction, context);
  }

  @Mutation(() => RotationChangePayload, { description: 'No shift runs from now on; it stays listed as ARCHIVED' })
  archiveRotation(@Args('input') input: ArchiveRotationInput, @CurrentRequest() context: RequestContext) {
    return this.correct(input.rotationId, { kind: 'archive', reason: input.reason }, context);
  }

  @Mutation(() => RotationChangePayload)
  addRotationParticipant(@Args('input') input: RotationMembershipInput, @CurrentRequest() context: RequestContext) {
    return this.changeMembership('AddParticipant', input, context);
  }

  @Mutation(() => RotationChangePayload)
  removeRotationParticipant(@Args('input') input: RotationMembershipInput, @CurrentRequest() context: RequestContext) {
    return this.changeMembership('RemoveParticipant', input, context);
  }

  @Mutation(() => RotationChangePayload)
  addRotationShadow(@Args('input') input: RotationMembershipInput, @CurrentRequest() context: RequestContext) {
    return this.changeMembership('AddShadow', input, context);
  }

  @Mutation(() => RotationChangePayload)
  removeRotationShadow(@Args('input') input: RotationMembershipInput, @CurrentRequest() context: RequestContext) {
    return this.changeMembership('RemoveShadow', input, context);
  }

  private async changeMembership(kind: MembershipChangeKind, input: RotationMembershipInput, context: RequestContext) {
    return this.rotationPayload(await this.commands.execute(new ChangeRotationMembershipCommand(kind, input, context)));
  }

  private async correct(rotationId: string, correction: RotationCorrectionRequest, context: RequestContext) {
    return this.rotationPayload(
      await this.commands.execute(new CorrectRotationCommand(rotationId, correction, context)),
    );
  }

  private responderPayload(outcome: CorrectionOutcome): ResponderChangePayload {
    return { responder: this.mapper.responderById(outcome.id), warnings: this.mapper.warnings(outcome.warnings) };
  }

  private rotationPayload(outcome: CorrectionOutcome): RotationChangePayload {
    return {
      rotation: this.mapper.rotation(this.queries.rotation(outcome.id)),
      warnings: this.mapper.warnings(outcome.warnings),
    };
  }
}

function effectiveFrom(input: { fromDate?: string; fromShiftStart?: Date }): EffectiveFrom {
  return {
    ...(input.fromDate !== undefined ? { fromDate: input.fromDate } : {}),
    ...(input.fromShiftStart !== undefined ? { fromShiftStart: input.fromShiftStart.toISOString() } : {}),
  };
}
