import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, type RequestContext } from '@app/core';
import { CommandRunner, UniqueKeys } from '@app/event-store';
import { handleKeyChanges } from '../domain/responder/responder-corrections.js';
import { responderDecider, type ResponderCommand } from '../domain/responder/responder.decider.js';
import { responderStream, type ResponderCorrection } from '../domain/responder/responder.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { ScheduleWarnings } from '../projections/schedule-warnings.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import type { CorrectionOutcome } from './correction-outcome.js';
import { HANDLE_SCOPE } from './register-responder.command.js';

/** Corrects a responder's name, handle, zone, team, role or working hours. */
export class UpdateResponderCommand extends Command<CorrectionOutcome> {
  constructor(
    readonly responderId: string,
    readonly changes: ResponderCorrection,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateResponderCommand)
export class UpdateResponderHandler implements ICommandHandler<UpdateResponderCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    private readonly uniqueKeys: UniqueKeys,
    private readonly warnings: ScheduleWarnings,
  ) {}

  /**
   * A new handle is claimed on its own stream before the responder changes (so of two responders
   * taking one handle at once, one gets CONFLICT); the old handle is released after, and may then
   * be registered again.
   */
  async execute({ responderId, changes, context }: UpdateResponderCommand): Promise<CorrectionOutcome> {
    this.policy.assertCanManagePeople(context);
    const current = this.queries.responder(responderId);
    const command: ResponderCommand = { type: 'UpdateResponder', responderId, changes };
    // decided once before any claim, so a correction its decider refuses claims nothing
    responderDecider.decide(command, current);
    const before = this.warnings.snapshot();
    const newHandle = handleKeyChanges(current.handle, changes.handle) ? changes.handle : undefined;
    if (newHandle !== undefined) await this.claim(newHandle, responderId, context);
    try {
      await this.runner.run(responderStream(responderId), responderDecider, command, context);
    } catch (error) {
      if (newHandle !== undefined) await this.uniqueKeys.release(HANDLE_SCOPE, newHandle, responderId, context);
      throw error;
    }
    if (newHandle !== undefined) await this.uniqueKeys.release(HANDLE_SCOPE, current.handle, responderId, context);
    const rotationIds = this.queries.rotationsOf(responderId).map((r) => r.rotationId);
    return { id: responderId, warnings: this.warnings.since(before, rotationIds) };
  }

  private async claim(handle: string, responderId: string, context: RequestContext): Promise<void> {
    const taken = () => new ConflictError(`The handle ${handle} is already taken`, { field: 'handle' });
    const holder = this.queries.responderByHandle(handle);
    if (holder && holder.responderId !== responderId) throw taken();
    const owner = await this.uniqueKeys.claim(HANDLE_SCOPE, handle, responderId, context);
    if (owner !== responderId) throw taken();
  }
}
