import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import type { EffectiveFrom } from '../domain/rotation/effective-handoff.js';
import type { RotationLabels } from '../domain/rotation/rotation.events.js';
import { rotationDecider, type RotationCommand } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import type { ShiftPattern } from '../domain/schedule/schedule.types.js';
import { ScheduleWarnings } from '../projections/schedule-warnings.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import { earliestEffect, type CorrectionOutcome } from './correction-outcome.js';

/** A correction of a rotation, as its author names it (dates and shift starts, never raw instants). */
export type RotationCorrectionRequest =
  | { kind: 'update'; changes: RotationLabels; timeZone?: { timeZone?: string; fromDate?: string } }
  | { kind: 'pattern'; pattern: ShiftPattern; from: EffectiveFrom }
  | { kind: 'reorder'; order: string[]; from: EffectiveFrom }
  | { kind: 'archive'; reason?: string };

/** Renames, re-zones, re-patterns, reorders or archives a rotation; each is an event with its actor. */
export class CorrectRotationCommand extends Command<CorrectionOutcome> {
  constructor(
    readonly rotationId: string,
    readonly correction: RotationCorrectionRequest,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CorrectRotationCommand)
export class CorrectRotationHandler implements ICommandHandler<CorrectRotationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly warnings: ScheduleWarnings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ rotationId, correction, context }: CorrectRotationCommand): Promise<CorrectionOutcome> {
    this.policy.assertCanManageRotations(context);
    const before = this.warnings.snapshot();
    const command = toDeciderCommand(rotationId, correction, this.clock.now().toISOString());
    const { events } = await this.runner.run(rotationStream(rotationId), rotationDecider, command, context);
    const warnings =
      correction.kind === 'archive' ? [] : this.warnings.since(before, [rotationId], earliestEffect(events));
    return { id: rotationId, warnings };
  }
}

function toDeciderCommand(rotationId: string, correction: RotationCorrectionRequest, now: string): RotationCommand {
  switch (correction.kind) {
    case 'update':
      return { type: 'UpdateRotation', rotationId, now, changes: correction.changes, timeZone: correction.timeZone };
    case 'pattern':
      return { type: 'ChangeShiftPattern', rotationId, now, pattern: correction.pattern, from: correction.from };
    case 'reorder':
      return { type: 'ReorderParticipants', rotationId, now, order: correction.order, from: correction.from };
    case 'archive':
      return { type: 'ArchiveRotation', rotationId, now, ...(correction.reason ? { reason: correction.reason } : {}) };
    default: {
      const unknown: never = correction;
      throw new Error(`Unknown rotation correction ${JSON.stringify(unknown)}`);
    }
  }
}
