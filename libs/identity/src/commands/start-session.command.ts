import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext, type Role } from '@app/core';
import { CommandRunner } from '@app/event-store';
import type { SubjectKind } from '../domain/api-token/api-token.events.js';
import { sessionDecider } from '../domain/session/session.decider.js';
import { sessionStream, type SignInMethod } from '../domain/session/session.events.js';
import { IDENTITY_OPTIONS, type IdentityOptions, DEFAULT_SESSION_TTL_HOURS } from '../identity.options.js';
import { IdentityPolicy } from '../identity.policy.js';
import {
  csrfTokenFor,
  hashSessionSecret,
  newSessionCredentials,
  sessionCookieValue,
} from '../sessions/session-cookie.js';

export interface StartSession {
  subject: string;
  subjectKind: SubjectKind;
  role: Role;
  method: SignInMethod;
  tokenId?: string;
  issuer?: string;
  claim?: string;
}

export interface StartedSession {
  sessionId: string;
  /** The cookie's value (the session id and its secret): set once on the browser, never stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Signs a browser in: `context` is the subject's own (the identity provider's user, or the API token's). */
export class StartSessionCommand extends Command<StartedSession> {
  constructor(
    readonly input: StartSession,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StartSessionCommand)
export class StartSessionHandler implements ICommandHandler<StartSessionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: IdentityPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async execute({ input, context }: StartSessionCommand): Promise<StartedSession> {
    this.policy.assertCanStartSession(context, input.subject);
    const credentials = newSessionCredentials();
    const startedAt = this.clock.now();
    const ttlHours = this.options.sessionTtlHours ?? DEFAULT_SESSION_TTL_HOURS;
    const expiresAt = new Date(startedAt.getTime() + ttlHours * 3_600_000);
    await this.runner.run(
      sessionStream(credentials.sessionId),
      sessionDecider,
      {
        type: 'StartSession',
        sessionId: credentials.sessionId,
        secretHash: hashSessionSecret(credentials.secret),
        ...input,
        startedAt: startedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      },
      context,
    );
    return {
      sessionId: credentials.sessionId,
      cookieValue: sessionCookieValue(credentials),
      csrfToken: csrfTokenFor(credentials.secret),
      expiresAt,
    };
  }
}
