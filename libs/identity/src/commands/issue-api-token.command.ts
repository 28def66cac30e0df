import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, NotFoundError, type Clock, type RequestContext, type Role } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { apiTokenDecider } from '../domain/api-token/api-token.decider.js';
import { apiTokenStream, type SubjectKind } from '../domain/api-token/api-token.events.js';
import { IdentityPolicy } from '../identity.policy.js';
import { TokenSigner } from '../tokens/token-signer.js';

export interface IssueApiToken {
  subjectKind: SubjectKind;
  /** A responder id, an integration's name, an operator's name, or a display's name (stored as `display:<name>`). */
  subject: string;
  role: Role;
  label: string;
  expiresInDays: number;
}

export interface IssuedApiToken {
  tokenId: string;
  /** The signed token: shown once, never stored. */
  token: string;
}

export class IssueApiTokenCommand extends Command<IssuedApiToken> {
  constructor(
    readonly input: IssueApiToken,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(IssueApiTokenCommand)
export class IssueApiTokenHandler implements ICommandHandler<IssueApiTokenCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly signer: TokenSigner,
    private readonly policy: IdentityPolicy,
    private readonly schedule: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: IssueApiTokenCommand): Promise<IssuedApiToken> {
    this.policy.assertCanIssue(context, input.subjectKind);
    if (input.subjectKind === 'responder' && !this.schedule.findResponder(input.subject)) {
      throw new NotFoundError('Responder', input.subject);
    }
    const subject = input.subjectKind === 'display' ? displaySubject(input.subject) : input.subject;
    const tokenId = randomUUID();
    const issuedAt = this.clock.now();
    const expiresAt = new Date(issuedAt.getTime() + input.expiresInDays * 86_400_000);
    await this.runner.run(
      apiTokenStream(tokenId),
      apiTokenDecider,
      {
        type: 'IssueApiToken',
        tokenId,
        subject,
        subjectKind: input.subjectKind,
        role: input.role,
        label: input.label,
        issuedAt: issuedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      },
      context,
    );
    const token = await this.signer.sign({ subject, role: input.role, tokenId }, issuedAt, expiresAt);
    return { tokenId, token };
  }
}

/** A display's actor names it as a display, so it never reads as a responder's id or an integration. */
function displaySubject(name: string): string {
  return name.startsWith('display:') ? name : `display:${name}`;
}
