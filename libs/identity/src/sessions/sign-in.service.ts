import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ActorDirectory,
  correlationIdFrom,
  ForbiddenError,
  UnauthenticatedError,
  type RequestContext,
} from '@app/core';
import { CommandRunner } from '@app/event-store';
import { Authenticator } from '../authentication/authenticator.js';
import { EndSessionCommand } from '../commands/end-session.command.js';
import { StartSessionCommand, type StartedSession } from '../commands/start-session.command.js';
import { apiTokenDecider } from '../domain/api-token/api-token.decider.js';
import { apiTokenStream } from '../domain/api-token/api-token.events.js';
import { OidcSignIn, type PendingLogin } from '../oidc/oidc-sign-in.js';
import { ApiTokensProjection } from '../projections/api-tokens.projection.js';
import { SessionAuthenticator, type SessionIdentity } from './session-authenticator.js';

type Headers = Record<string, string | string[] | undefined>;

/** What `GET /auth/session` answers (and `POST /auth/token`). */
export type SessionAnswer =
  | {
      signedIn: true;
      actor: { id: string; kind: string; name: string };
      role: string;
      csrfToken: string;
      expiresAt: string;
    }
  | { signedIn: false; oidc: boolean };

/** Turns a proof of who someone is (the identity provider's answer, an API token) into a session, and ends it. */
@Injectable()
export class SignIn {
  constructor(
    private readonly commands: CommandBus,
    private readonly authenticator: Authenticator,
    private readonly sessions: SessionAuthenticator,
    private readonly oidc: OidcSignIn,
    private readonly tokens: ApiTokensProjection,
    private readonly runner: CommandRunner,
    private readonly actors: ActorDirectory,
  ) {}

  get oidcEnabled(): boolean {
    return this.oidc.enabled;
  }

  beginOidc(): Promise<{ url: URL; pending: PendingLogin }> {
    return this.oidc.begin();
  }

  async completeOidc(query: string, pending: PendingLogin | null, headers: Headers): Promise<StartedSession> {
    const responder = await this.oidc.complete(query, pending);
    const context: RequestContext = {
      actor: responder.responderId,
      role: responder.role,
      correlationId: correlationIdFrom(headers),
    };
    return this.commands.execute(
      new StartSessionCommand(
        {
          subject: responder.responderId,
          subjectKind: 'responder',
          role: responder.role,
          method: 'oidc',
          issuer: responder.issuer,
          claim: responder.claim,
        },
        context,
      ),
    );
  }

  /** An operator (or anyone with a token) signs a browser in with it; integrations do not. */
  async withToken(token: string, headers: Headers): Promise<StartedSession> {
    const context = await this.authenticator.authenticate({ ...headers, authorization: `Bearer ${token}` });
    if (context.role === 'integration') throw new ForbiddenError('An integration token cannot sign a browser in');
    const tokenId = context.tokenId!;
    const issued = this.tokens.find(tokenId) ?? (await this.runner.load(apiTokenStream(tokenId), apiTokenDecider));
    if (!issued) throw new UnauthenticatedError('The token is not valid');
    return this.commands.execute(
      new StartSessionCommand(
        { subject: context.actor, subjectKind: issued.subjectKind, role: context.role, method: 'api-token', tokenId },
        context,
      ),
    );
  }

  async signOut(headers: Headers): Promise<void> {
    const identity = await this.sessions.authenticateSession(headers);
    this.sessions.assertCsrf(headers);
    await this.commands.execute(new EndSessionCommand(identity.sessionId, identity.context));
  }

  async answer(headers: Headers): Promise<SessionAnswer> {
    let identity: SessionIdentity;
    try {
      identity = await this.sessions.authenticateSession(headers);
    } catch (error) {
      if (error instanceof UnauthenticatedError) return { signedIn: false, oidc: this.oidc.enabled };
      throw error;
    }
    return this.answerFor(identity.context, identity.csrfToken, identity.expiresAt);
  }

  async answerFor(context: RequestContext, csrfToken: string, expiresAt: Date): Promise<SessionAnswer> {
    const resolved = (await this.actors.resolveMany([context.actor])).get(context.actor)!;
    const name =
      resolved.kind === 'RESPONDER'
        ? resolved.responder.name
        : resolved.kind === 'INTEGRATION'
          ? resolved.integration.name
          : resolved.kind === 'OPERATOR'
            ? resolved.operator.name
            : resolved.kind === 'DISPLAY'
              ? resolved.display.name
              : 'system';
    return {
      signedIn: true,
      actor: { id: context.actor, kind: resolved.kind, name },
      role: context.role,
      csrfToken,
      expiresAt: expiresAt.toISOString(),
    };
  }
}
