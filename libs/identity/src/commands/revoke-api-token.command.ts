import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { apiTokenDecider } from '../domain/api-token/api-token.decider.js';
import { apiTokenStream } from '../domain/api-token/api-token.events.js';
import { IdentityPolicy } from '../identity.policy.js';

/** Takes effect at once: the mutation answers after the read model that authentication reads has applied it. */
export class RevokeApiTokenCommand extends Command<string> {
  constructor(
    readonly tokenId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RevokeApiTokenCommand)
export class RevokeApiTokenHandler implements ICommandHandler<RevokeApiTokenCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: IdentityPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tokenId, reason, context }: RevokeApiTokenCommand): Promise<string> {
    this.policy.assertCanRevoke(context);
    await this.runner.run(
      apiTokenStream(tokenId),
      apiTokenDecider,
      { type: 'RevokeApiToken', tokenId, reason, now: this.clock.now().toISOString() },
      context,
    );
    return tokenId;
  }
}
