import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { sessionDecider } from '../domain/session/session.decider.js';
import { sessionStream } from '../domain/session/session.events.js';
import { IdentityPolicy } from '../identity.policy.js';

/** Signs out: the session is refused from the very next request on (the read model has applied it). */
export class EndSessionCommand extends Command<void> {
  constructor(
    readonly sessionId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(EndSessionCommand)
export class EndSessionHandler implements ICommandHandler<EndSessionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: IdentityPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ sessionId, context }: EndSessionCommand): Promise<void> {
    this.policy.assertCanEndSession(context, sessionId);
    await this.runner.run(
      sessionStream(sessionId),
      sessionDecider,
      { type: 'EndSession', sessionId, reason: 'signed-out', now: this.clock.now().toISOString() },
      context,
    );
  }
}
