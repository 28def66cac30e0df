import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';
import { Pager } from '../paging/pager.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

/** The manager pulls in the backup pool for a concurrent emergency: one page, every member. */
export class PageBackupPoolCommand extends Command<void> {
  constructor(
    readonly escalationId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PageBackupPoolCommand)
export class PageBackupPoolHandler implements ICommandHandler<PageBackupPoolCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: EscalationQueries,
    private readonly pager: Pager,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ escalationId, context }: PageBackupPoolCommand): Promise<void> {
    const actor = this.access.assertCanPageBackupPool(context);
    const escalation = this.queries.escalation(escalationId);
    await this.runner.run(
      escalationStream(escalationId),
      escalationDecider,
      {
        type: 'PageBackupPool',
        escalationId,
        pageId: randomUUID(),
        at: this.clock.now().toISOString(),
        by: actor.responderId,
        pool: this.pager.backupPool(escalation.policy, [actor.responderId]),
      },
      context,
    );
  }
}
