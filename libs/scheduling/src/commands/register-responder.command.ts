import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner, UniqueKeys } from '@app/event-store';
import { responderDecider, type ResponderCommand } from '../domain/responder/responder.decider.js';
import { responderStream, type ResponderRole } from '../domain/responder/responder.events.js';
import type { ClockWindow } from '../domain/schedule/schedule.types.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';

export interface RegisterResponder {
  name: string;
  handle: string;
  timeZone: string;
  team: string;
  role: ResponderRole;
  workingHours?: ClockWindow[];
  onCallRestricted?: boolean;
}

/** The stream of a handle's claim: `responder-handle-<handle, NFC, lower-cased>`. */
export const HANDLE_SCOPE = 'responder-handle';

type RegisterResponderDecision = Extract<ResponderCommand, { type: 'RegisterResponder' }>;

/** Returns the new responder's id. */
export class RegisterResponderCommand extends Command<string> {
  constructor(
    readonly input: RegisterResponder,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterResponderCommand)
export class RegisterResponderHandler implements ICommandHandler<RegisterResponderCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    private readonly uniqueKeys: UniqueKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A handle belongs to one responder, compared case-insensitively (`ana` and `ANA` are one). The
   * handle is claimed on its own stream first (expected no_stream), for a responder id; the
   * responder is then registered under the id the claim names. A claim whose responder was never
   * written (the process died between the two appends) is taken over by the next registration of
   * that handle, under the same id, so no handle is locked out; the responder stream's own
   * expected revision keeps that take-over single.
   */
  async execute({ input, context }: RegisterResponderCommand): Promise<string> {
    this.policy.assertCanManagePeople(context);
    const taken = () => new ConflictError(`The handle ${input.handle} is already taken`, { field: 'handle' });
    if (this.queries.responderByHandle(input.handle)) throw taken();
    const registration = (responderId: string): RegisterResponderDecision => ({
      type: 'RegisterResponder',
      responderId,
      name: input.name,
      handle: input.handle,
      timeZone: input.timeZone,
      team: input.team,
      role: input.role,
      workingHours: input.workingHours ?? [],
      onCallRestricted: input.onCallRestricted ?? false,
      registeredAt: this.clock.now().toISOString(),
    });
    const candidateId = randomUUID();
    // decided once before the claim, so a registration its decider refuses claims nothing
    responderDecider.decide(registration(candidateId), responderDecider.initialState());
    const responderId = await this.uniqueKeys.claim(HANDLE_SCOPE, input.handle, candidateId, context);
    try {
      await this.runner.run(responderStream(responderId), responderDecider, registration(responderId), context);
    } catch (error) {
      if (error instanceof ConflictError) throw taken();
      throw error;
    }
    return responderId;
  }
}
