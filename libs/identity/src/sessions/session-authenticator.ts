import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import {
  CLOCK,
  correlationIdFrom,
  ForbiddenError,
  TooManyRequestsError,
  UnauthenticatedError,
  type Clock,
  type RequestContext,
} from '@app/core';
import { CommandRunner } from '@app/event-store';
import { Authenticator } from '../authentication/authenticator.js';
import { sessionDecider, type Session } from '../domain/session/session.decider.js';
import { sessionStream } from '../domain/session/session.events.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { ApiTokensProjection } from '../projections/api-tokens.projection.js';
import { SessionsProjection } from '../projections/sessions.projection.js';
import {
  cookieNamed,
  CSRF_HEADER,
  csrfTokenFor,
  csrfTokenMatches,
  secretMatches,
  SESSION_COOKIE,
  sessionCredentialsFrom,
  type SessionCredentials,
} from './session-cookie.js';

type Headers = Record<string, string | string[] | undefined>;

/** A request authenticated by its session cookie: the same RequestContext a bearer token gives. */
export interface SessionIdentity {
  context: RequestContext;
  sessionId: string;
  expiresAt: Date;
  csrfToken: string;
}

/** Methods that change nothing, so they need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates a request by its bearer token (unchanged, see Authenticator) or, without one, by
 * its `ic_session` cookie: the session must be known, its secret's hash must match, and it must
 * be neither ended nor expired, nor signed in with a token since revoked, nor a deactivated
 * responder's; all checked on every request. A cookie-authenticated request that may change
 * something must carry the session's CSRF token in x-csrf-token (FORBIDDEN otherwise).
 */
@Injectable()
export class SessionAuthenticator {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: SessionsProjection,
    private readonly tokens: ApiTokensProjection,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
  ) {
    this.limiter = new RateLimiterMemory({ points: options.rateLimitPerMinute, duration: 60 });
  }

  /** The RequestContext of an HTTP request (GraphQL included): a bearer token first, else the session cookie. */
  async authenticateRequest(request: { method?: string; headers: Headers }): Promise<RequestContext> {
    const { headers } = request;
    if (headers.authorization || !hasSessionCookie(headers.cookie)) return this.authenticator.authenticate(headers);
    const identity = await this.authenticateSession(headers);
    if (!SAFE_METHODS.has((request.method ?? 'POST').toUpperCase())) this.assertCsrf(headers);
    await this.limit(identity.sessionId);
    return identity.context;
  }

  /**
   * The session of a Cookie header (a graphql-ws upgrade request's), or null when it carries no
   * valid session. The caller checks the Origin; `onSessionEnded` and `isSessionActive` tell it
   * when to close the connection.
   */
  async authenticateCookieHeader(cookieHeader: string | string[] | undefined): Promise<SessionIdentity | null> {
    try {
      return await this.authenticateSession({ cookie: cookieHeader });
    } catch (error) {
      if (error instanceof UnauthenticatedError) return null;
      throw error;
    }
  }

  /** The session of a request's cookie; UNAUTHENTICATED when there is none or it may not be used. */
  async authenticateSession(headers: Headers): Promise<SessionIdentity> {
    if (!hasSessionCookie(headers.cookie)) throw new UnauthenticatedError('Not signed in');
    const credentials = sessionCredentialsFrom(headers.cookie);
    if (!credentials) throw new UnauthenticatedError('The session cookie is not valid; sign in again');
    const session = await this.usableSession(credentials);
    return {
      context: {
        actor: session.subject,
        role: session.role,
        ...(session.tokenId ? { tokenId: session.tokenId } : {}),
        sessionId: session.sessionId,
        correlationId: correlationIdFrom(headers),
      },
      sessionId: session.sessionId,
      expiresAt: new Date(session.expiresAt),
      csrfToken: csrfTokenFor(credentials.secret),
    };
  }

  /** FORBIDDEN unless the request carries its session's CSRF token. */
  assertCsrf(headers: Headers): void {
    const credentials = sessionCredentialsFrom(headers.cookie);
    const value = headers[CSRF_HEADER];
    const presented = Array.isArray(value) ? value[0] : value;
    if (!credentials || !csrfTokenMatches(credentials.secret, presented)) {
      throw new ForbiddenError(
        `A request signed in by cookie must carry the ${CSRF_HEADER} header with the session's csrfToken (GET /auth/session)`,
      );
    }
  }

  /**
   * Calls `listener` with the id of each session that ends from now on (signed out, or its API
   * token revoked), once this instance's read model has it; answers the unsubscribe. Expiry and a
   * responder's deactivation come with time: `isSessionActive` (or `expiresAt`) tells those.
   */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    return this.sessions.onSessionEnded(listener);
  }

  /** Whether a session may still be used now: not ended, not expired, its token and responder still valid. */
  async isSessionActive(sessionId: string): Promise<boolean> {
    const session = await this.knownSession(sessionId);
    return session !== null && this.refusal(session) === undefined;
  }

  private async usableSession(credentials: SessionCredentials): Promise<Session> {
    const session = await this.knownSession(credentials.sessionId);
    if (!session || !secretMatches(session.secretHash, credentials.secret)) {
      throw new UnauthenticatedError('The session is not valid; sign in again');
    }
    const refusal = this.refusal(session);
    if (refusal) throw new UnauthenticatedError(refusal);
    return session;
  }

  private refusal(session: Session): string | undefined {
    const now = this.clock.now().getTime();
    if (session.endedAt) return 'The session has ended; sign in again';
    if (Date.parse(session.expiresAt) <= now) return 'The session has expired; sign in again';
    if (session.tokenId && this.tokens.find(session.tokenId)?.revokedAt) {
      return 'The API token this session was signed in with has been revoked';
    }
    const deactivatedAt = this.tokens.subjectDeactivatedAt(session.subject);
    if (deactivatedAt !== undefined && Date.parse(deactivatedAt) <= now) {
      return 'The session’s responder has been deactivated';
    }
    return undefined;
  }

  /**
   * A session started a moment ago on another instance may not be in this one's read model yet:
   * its stream says whether it exists. Only a well-formed cookie gets this far.
   */
  private async knownSession(sessionId: string): Promise<Session | null> {
    return this.sessions.find(sessionId) ?? (await this.runner.load(sessionStream(sessionId), sessionDecider));
  }

  private async limit(sessionId: string): Promise<void> {
    try {
      await this.limiter.consume(`session:${sessionId}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.ceil(rejection.msBeforeNext / 1000);
      throw new TooManyRequestsError(`Too many requests for this session; retry in ${seconds} s`, {
        retryAfterSeconds: seconds,
      });
    }
  }
}

function hasSessionCookie(cookieHeader: string | string[] | undefined): boolean {
  return (
    cookieNamed(Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader, SESSION_COOKIE) !== undefined
  );
}
