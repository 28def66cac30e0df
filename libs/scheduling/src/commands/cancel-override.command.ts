import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';
import { ScheduleQueries } from '../projections/schedule.queries.js';
import { SchedulingPolicy } from '../scheduling.policy.js';

/** Returns the rotation id. */
export class CancelOverrideCommand extends Command<string> {
  constructor(
    readonly rotationId: string,
    readonly overrideId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CancelOverrideCommand)
export class CancelOverrideHandler implements ICommandHandler<CancelOverrideCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: SchedulingPolicy,
    private readonly queries: ScheduleQueries,
  ) {}

  async execute({ rotationId, overrideId, context }: CancelOverrideCommand): Promise<string> {
    this.policy.assertCanCancelOverride(context, () => {
      const override = this.queries.override(this.queries.rotation(rotationId), overrideId);
      if (!override) throw new NotFoundError('Override', overrideId);
      return override;
    });
    await this.runner.run(
      rotationStream(rotationId),
      rotationDecider,
      { type: 'CancelOverride', rotationId, overrideId, cancelledBy: context.actor },
      context,
    );
    return rotationId;
  }
}
