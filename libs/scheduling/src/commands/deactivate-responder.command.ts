import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { responderDecider } from '../domain/responder/responder.decider.js';
import { responderStream } from '../domain/responder/responder.events.js';
import { rotationDecider, type Rotation, type RotationCommand } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { civilDay, wallClockInstant } from '../domain/schedule/wall-clock.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { ScheduleWarnings } from '../projections/schedule-warnings.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import type { CorrectionOutcome } from './correction-outcome.js';

export interface DeactivateResponder {
  responderId: string;
  /** "YYYY-MM-DD" in the responder's zone: from that day's start on. */
  fromDate: string;
  reason?: string;
}

/**
 * Deactivates a responder from a local date: they leave every rotation (as participant and as
 * shadow) from then, their history stays, they are paged and on call nowhere, and their tokens are
 * refused. Answers whom that puts on call outside their working hours.
 */
export class DeactivateResponderCommand extends Command<CorrectionOutcome> {
  constructor(
    readonly input: DeactivateResponder,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeactivateResponderCommand)
export class DeactivateResponderHandler implements ICommandHandler<DeactivateResponderCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    private readonly warnings: ScheduleWarnings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Every departure is decided before anything is appended (a rotation that would be left with
   * nobody refuses the whole deactivation). The responder's deactivation is recorded first: from
   * then on the schedule skips them even where a departure is still to be written, and repeating
   * the command (it appends nothing more for the responder) completes the departures.
   */
  async execute({ input, context }: DeactivateResponderCommand): Promise<CorrectionOutcome> {
    this.policy.assertCanManagePeople(context);
    const responder = this.queries.responder(input.responderId);
    const effectiveAt =
      responder.deactivatedAt ??
      new Date(wallClockInstant(civilDay(input.fromDate), 0, responder.timeZone)).toISOString();
    const departures = this.queries
      .rotationsOf(input.responderId)
      .flatMap((rotation) => departuresFrom(rotation, input.responderId, effectiveAt));
    for (const { rotation, command } of departures) {
      try {
        rotationDecider.decide(command, rotation);
      } catch (error) {
        if (!(error instanceof BadUserInputError)) throw error;
        throw new BadUserInputError(
          'responderId',
          `${rotation.name}: ${error.message}; add someone or archive it first`,
        );
      }
    }
    const before = this.warnings.snapshot();
    await this.runner.run(
      responderStream(input.responderId),
      responderDecider,
      {
        type: 'DeactivateResponder',
        responderId: input.responderId,
        effectiveAt,
        effectiveDate: input.fromDate,
        now: this.clock.now().toISOString(),
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
      },
      context,
    );
    for (const { rotation, command } of departures) {
      await this.runner.run(rotationStream(rotation.rotationId), rotationDecider, command, context);
    }
    const rotationIds = departures.map((d) => d.rotation.rotationId);
    return { id: input.responderId, warnings: this.warnings.since(before, rotationIds, Date.parse(effectiveAt)) };
  }
}

/** The removals that take the responder out of a rotation from `effectiveAt` (or from when they join, if later). */
function departuresFrom(rotation: Rotation, responderId: string, effectiveAt: string) {
  if (rotation.archivedAt !== undefined) return [];
  const lists = [
    ['RemoveParticipant', rotation.participants],
    ['RemoveShadow', rotation.shadows],
  ] as const;
  return lists.flatMap(([type, list]) => {
    const open = list.find((m) => m.responderId === responderId && m.until === undefined);
    if (!open) return [];
    const from = open.from && Date.parse(open.from) > Date.parse(effectiveAt) ? open.from : effectiveAt;
    const command: RotationCommand = { type, rotationId: rotation.rotationId, responderId, from };
    return [{ rotation, command }];
  });
}
