import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';
import { respondersMustExist } from './responders-must-exist.js';

export type MembershipChangeKind = 'AddParticipant' | 'RemoveParticipant' | 'AddShadow' | 'RemoveShadow';

export interface MembershipChange {
  rotationId: string;
  responderId: string;
  /** When the change takes effect; now when absent. */
  from?: Date;
}

/** Participants and shadows joining or leaving, now or from a future date. Returns the rotation id. */
export class ChangeRotationMembershipCommand extends Command<string> {
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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ kind, input, context }: ChangeRotationMembershipCommand): Promise<string> {
    this.policy.assertCanManageRotations(context);
    if (kind.startsWith('Add')) respondersMustExist(this.queries, [input.responderId]);
    await this.runner.run(
      rotationStream(input.rotationId),
      rotationDecider,
      {
        type: kind,
        rotationId: input.rotationId,
        responderId: input.responderId,
        from: (input.from ?? this.clock.now()).toISOString(),
      },
      context,
    );
    return input.rotationId;
  }
}
