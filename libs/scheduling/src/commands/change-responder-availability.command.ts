import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { responderDecider, type ResponderCommand } from '../domain/responder/responder.decider.js';
import { responderStream } from '../domain/responder/responder.events.js';
import { localDateTimeToInstant } from '../domain/schedule/wall-clock.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';

export type AvailabilityChange =
  | { kind: 'restriction'; responderId: string; restricted: boolean; reason: string }
  | { kind: 'unavailable'; responderId: string; start: string; end: string; timeZone?: string; reason: string }
  | { kind: 'available-again'; responderId: string; spanId: string };

/** What changed: the responder, and the unavailable span marked or cleared. */
export interface AvailabilityChanged {
  responderId: string;
  spanId?: string;
}

/** Restriction (local law) and unavailable spans: what keeps a responder off the schedule. */
export class ChangeResponderAvailabilityCommand extends Command<AvailabilityChanged> {
  constructor(
    readonly change: AvailabilityChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeResponderAvailabilityCommand)
export class ChangeResponderAvailabilityHandler implements ICommandHandler<ChangeResponderAvailabilityCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ change, context }: ChangeResponderAvailabilityCommand): Promise<AvailabilityChanged> {
    if (change.kind === 'restriction') this.policy.assertCanManagePeople(context);
    else this.policy.assertCanChangeAvailability(context, change.responderId);
    const command = this.toDomain(change);
    await this.runner.run(responderStream(change.responderId), responderDecider, command, context);
    return { responderId: change.responderId, spanId: 'spanId' in command ? command.spanId : undefined };
  }

  private toDomain(change: AvailabilityChange): ResponderCommand {
    switch (change.kind) {
      case 'restriction':
        return {
          type: 'SetOnCallRestriction',
          responderId: change.responderId,
          restricted: change.restricted,
          reason: change.reason,
          now: this.clock.now().toISOString(),
        };
      case 'unavailable': {
        const zone = change.timeZone ?? this.queries.responder(change.responderId).timeZone;
        return {
          type: 'MarkUnavailable',
          responderId: change.responderId,
          spanId: randomUUID(),
          start: localDateTimeToInstant(change.start, zone),
          end: localDateTimeToInstant(change.end, zone),
          reason: change.reason,
        };
      }
      case 'available-again':
        return { type: 'ClearUnavailability', responderId: change.responderId, spanId: change.spanId };
    }
  }
}
