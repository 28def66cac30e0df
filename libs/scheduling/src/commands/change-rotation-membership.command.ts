import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import type { EffectiveFrom } from '../domain/rotation/effective-handoff.js';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { ScheduleWarnings } from '../projections/schedule-warnings.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import { earliestEffect, type CorrectionOutcome } from './correction-outcome.js';
import { respondersMayJoin } from './responders-must-exist.js';

export type MembershipChangeKind = 'AddParticipant' | 'RemoveParticipant' | 'AddShadow' | 'RemoveShadow';

export interface MembershipChange {
  rotationId: string;
  responderId: string;
  /** When the change takes effect; now when absent (a local date or a shift start decide instead). */
  from?: Date;
  /** The first handoff on this local date (the rotation's zone). */
  fromDate?: string;
  /** The start of one of the rotation's shifts. */
  fromShiftStart?: Date;
}

/**
 * Participants and shadows joining or leaving, now, from a local date or from a shift. Answers the
 * rotation's id and whom the change puts on call outside their working hours.
 */
export class ChangeRotationMembershipCommand extends Command<CorrectionOutcome> {
  constructor(
    readonly kind: MembershipChangeKind,
    readonly input: MembershipChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeRotationMembershipCommand)
export class ChangeRotationMembershipHandler implements ICommandHandler<ChangeRotationMembershipCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    private readonly warnings: ScheduleWarnings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ kind, input, context }: ChangeRotationMembershipCommand): Promise<CorrectionOutcome> {
    this.policy.assertCanManageRotations(context);
    const named = [input.from, input.fromDate, input.fromShiftStart].filter((v) => v !== undefined).length;
    if (named > 1) throw new BadUserInputError('fromDate', 'name one of from, fromDate and fromShiftStart');
    if (kind.startsWith('Add')) respondersMayJoin(this.queries, [input.responderId], 'responderId');
    const before = this.warnings.snapshot();
    const effective: EffectiveFrom = {
      ...(input.fromDate !== undefined ? { fromDate: input.fromDate } : {}),
      ...(input.fromShiftStart !== undefined ? { fromShiftStart: input.fromShiftStart.toISOString() } : {}),
    };
    const { events } = await this.runner.run(
      rotationStream(input.rotationId),
      rotationDecider,
      {
        type: kind,
        rotationId: input.rotationId,
        responderId: input.responderId,
        from: (input.from ?? this.clock.now()).toISOString(),
        ...effective,
      },
      context,
    );
    const warnings = kind.endsWith('Participant')
      ? this.warnings.since(before, [input.rotationId], earliestEffect(events))
      : [];
    return { id: input.rotationId, warnings };
  }
}
