import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import type { RapidActionRevision } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionWriter } from './rapid-action-writer.js';

/** The DRI keeps the title, problem, severity and issues in scope current. */
export class ReviseRapidActionCommand extends Command<void> {
  constructor(
    readonly rapidActionId: string,
    readonly changes: RapidActionRevision,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReviseRapidActionCommand)
export class ReviseRapidActionHandler implements ICommandHandler<ReviseRapidActionCommand> {
  constructor(private readonly writer: RapidActionWriter) {}

  async execute({ rapidActionId, changes, context }: ReviseRapidActionCommand): Promise<void> {
    await this.writer.run('revise', { type: 'ReviseRapidAction', rapidActionId, changes }, context);
  }
}
