import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { integrationKeyDecider } from '../domain/integration-key/integration-key.decider.js';
import { integrationKeyStream } from '../domain/integration-key/integration-key.events.js';
import { IntegrationsPolicy } from '../integrations.policy.js';

/** Takes effect at once: the mutation answers after the read model the endpoints look keys up in has it. */
export class RevokeIntegrationKeyCommand extends Command<void> {
  constructor(
    readonly integrationKeyId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RevokeIntegrationKeyCommand)
export class RevokeIntegrationKeyHandler implements ICommandHandler<RevokeIntegrationKeyCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: IntegrationsPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ integrationKeyId, context }: RevokeIntegrationKeyCommand): Promise<void> {
    this.policy.assertCanManageKeys(context);
    await this.runner.run(
      integrationKeyStream(integrationKeyId),
      integrationKeyDecider,
      { type: 'RevokeIntegrationKey', integrationKeyId, at: this.clock.now().toISOString(), by: context.actor },
      context,
    );
  }
}
