import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { rotationDecider } from '../domain/rotation/rotation.decider.js';
import { rotationStream } from '../domain/rotation/rotation.events.js';

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
  constructor(private readonly runner: CommandRunner) {}

  async execute({ rotationId, overrideId, context }: CancelOverrideCommand): Promise<string> {
    await this.runner.run(
      rotationStream(rotationId),
      rotationDecider,
      { type: 'CancelOverride', rotationId, overrideId, cancelledBy: context.actor },
      context,
    );
    return rotationId;
  }
}
