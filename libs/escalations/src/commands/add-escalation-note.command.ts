import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import type { NoteKind } from '../domain/escalation/escalation.types.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';

/** A note on the timeline: an update, something tried, a next step. */
export class AddEscalationNoteCommand extends Command<void> {
  constructor(
    readonly escalationId: string,
    readonly kind: NoteKind,
    readonly text: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AddEscalationNoteCommand)
export class AddEscalationNoteHandler implements ICommandHandler<AddEscalationNoteCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: EscalationAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ escalationId, kind, text, context }: AddEscalationNoteCommand): Promise<void> {
    this.access.assertCanAnnotate(context);
    await this.runner.run(
      escalationStream(escalationId),
      escalationDecider,
      {
        type: 'AddNote',
        escalationId,
        noteId: randomUUID(),
        kind,
        text,
        author: context.actor,
        at: this.clock.now().toISOString(),
      },
      context,
    );
  }
}
