import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  ActorDirectory,
  CLOCK,
  ConflictError,
  NotFoundError,
  type Clock,
  type RequestContext,
  type ResolvedActor,
} from '@app/core';
import { CommandRunner } from '@app/event-store';
import { escalationDecider } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import { EscalationAccessPolicy } from '../escalations.policy.js';
import { Pager } from '../paging/pager.js';
import { EscalationQueries } from '../projections/escalation.queries.js';

/**
 * ACKNOWLEDGE: "I have seen it and am looking"; RESOLVE: "I have engaged" (the escalation stays
 * open); ESCALATE: "not me, page the next step now" (as a timeout would, before the deadline).
 */
export type PageAnswer = 'ACKNOWLEDGE' | 'RESOLVE' | 'ESCALATE';

/** A recipient answers a page. Returns the escalation id. */
export class AnswerPageCommand extends Command<string> {
  constructor(
    readonly answer: PageAnswer,
    readonly pageId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AnswerPageCommand)
export class AnswerPageHandler implements ICommandHandler<AnswerPageCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: EscalationQueries,
    private readonly access: EscalationAccessPolicy,
    private readonly pager: Pager,
    private readonly actors: ActorDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ answer, pageId, context }: AnswerPageCommand): Promise<string> {
    this.access.assertCanAnswerPages(context);
    const escalation = this.queries.escalation(this.queries.escalationIdOfPage(pageId));
    const page = escalation.pages.find((p) => p.pageId === pageId);
    if (!page) throw new NotFoundError('Page', pageId);
    const responderId = this.access.assertCanAnswerPage(context, page);
    if (answer === 'ESCALATE') {
      if (page.status !== 'TRIGGERED') {
        throw new ConflictError(`Page ${pageId} is ${page.status.toLowerCase()}: it cannot be escalated`, { pageId });
      }
      const now = this.clock.now();
      await this.runner.run(
        escalationStream(escalation.escalationId),
        escalationDecider,
        {
          type: 'TimeOutPage',
          escalationId: escalation.escalationId,
          pageId,
          stepId: `escalated-by-recipient:${pageId}`,
          paging: this.pager.facts(escalation.policy, now, escalation.escalationId),
          escalatedBy: responderId,
          at: now.toISOString(),
        },
        context,
      );
      return escalation.escalationId;
    }
    await this.runner
      .run(
        escalationStream(escalation.escalationId),
        escalationDecider,
        {
          type: answer === 'ACKNOWLEDGE' ? 'AcknowledgePage' : 'ResolvePage',
          escalationId: escalation.escalationId,
          pageId,
          responderId,
          at: this.clock.now().toISOString(),
        },
        context,
      )
      .catch((error: unknown) => this.naming(error));
    return escalation.escalationId;
  }

  /** "Already acknowledged by …" names the person (or integration), and the extension names it too. */
  private async naming(error: unknown): Promise<never> {
    const actor = error instanceof ConflictError ? error.details.acknowledgedBy : undefined;
    if (!(error instanceof ConflictError) || typeof actor !== 'string') throw error;
    const named = nameOf(await this.actors.loaderFor({}).load(actor));
    throw new ConflictError(`${error.message} by ${named.name}`, {
      ...error.details,
      acknowledgedBy: { id: actor, kind: named.kind, name: named.name },
    });
  }
}

function nameOf(actor: ResolvedActor): { kind: ResolvedActor['kind']; name: string } {
  switch (actor.kind) {
    case 'RESPONDER':
      return { kind: actor.kind, name: actor.responder.name };
    case 'INTEGRATION':
      return { kind: actor.kind, name: actor.integration.name };
    case 'OPERATOR':
      return { kind: actor.kind, name: actor.operator.name };
    case 'DISPLAY':
      return { kind: actor.kind, name: actor.display.name };
    case 'SYSTEM':
      return { kind: actor.kind, name: 'the system' };
  }
}
