import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { UnauthenticatedError, type RequestContext } from '@app/core';
import { CommittedEvents, type RecordedEvent } from '@app/event-store';
import { SessionAuthenticator } from '../sessions/session-authenticator.js';

type Headers = Record<string, string | string[] | undefined>;

/** The part of a WebSocket a live connection needs: closing it with a code and a reason. */
export interface LiveSocket {
  close(code: number, reason: string): void;
}

/** graphql-ws close codes: 4401 not signed in, 4403 signed in no longer. */
export const LIVE_CLOSE_UNAUTHENTICATED = 4401;
export const LIVE_CLOSE_REVOKED = 4403;

interface OpenConnection {
  socket: LiveSocket;
  credentials: Headers;
  context: RequestContext;
}

/** Events after which an open connection's credentials are checked again. */
const REVOKING_EVENTS = new Set(['ApiTokenRevoked', 'ResponderDeactivated']);

/** Every open connection is also checked this often: tokens expire, deactivations take effect later. */
export const LIVE_RECHECK_INTERVAL_MS = 60_000;

/**
 * Signs in live (graphql-ws) connections once, when they open, through the same Authenticator
 * as every HTTP request, and keeps each one's credentials in memory while it is open. When a
 * committed event may end a sign-in (a token revoked, its responder deactivated), the affected
 * connections are authenticated again, and closed with 4403 when that fails, on every instance.
 * Every connection is also checked once a minute, so one whose token expires is closed too.
 */
@Injectable()
export class LiveConnections implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveConnections.name);
  private readonly open = new Map<LiveSocket, OpenConnection>();
  private unlisten?: () => void;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly authenticator: SessionAuthenticator,
    private readonly events: CommittedEvents,
  ) {}

  onApplicationBootstrap(): void {
    const unlistenEvents = this.events.listen((batch) => this.recheckAfter(batch));
    const unlistenSessions = this.authenticator.onSessionEnded((sessionId) =>
      this.close((context) => context.sessionId === sessionId, 'The session ended; sign in again'),
    );
    this.unlisten = () => {
      unlistenEvents();
      unlistenSessions();
    };
    this.timer = setInterval(() => void this.recheckAll(), LIVE_RECHECK_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.unlisten?.();
    this.open.clear();
  }

  /**
   * `connectionParams.authorization` ("Bearer <token>"), else the session cookie of the upgrade
   * request (`upgradeHeaders`) when it comes from this service's own origin; UNAUTHENTICATED otherwise.
   */
  async connect(socket: LiveSocket, connectionParams: unknown, upgradeHeaders: Headers): Promise<RequestContext> {
    const credentials = credentialsOf(connectionParams, upgradeHeaders);
    const context = await this.authenticate(credentials);
    this.open.set(socket, { socket, credentials, context });
    return context;
  }

  disconnect(socket: LiveSocket): void {
    this.open.delete(socket);
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Closes the connections `ended` picks (e.g. a session signed out), with 4403 and `reason`. */
  close(ended: (context: RequestContext) => boolean, reason: string): void {
    for (const connection of [...this.open.values()]) {
      if (!ended(connection.context)) continue;
      this.open.delete(connection.socket);
      connection.socket.close(LIVE_CLOSE_REVOKED, reason);
    }
  }

  /** Authenticates every open connection again, closing those refused now. */
  async recheckAll(): Promise<void> {
    await Promise.all([...this.open.values()].map((connection) => this.recheck(connection)));
  }

  /** A live connection is a GET upgrade: a session needs no CSRF token, the Origin check stands in for it. */
  private authenticate(credentials: Headers): Promise<RequestContext> {
    return this.authenticator.authenticateRequest({ method: 'GET', headers: credentials });
  }

  private recheckAfter(batch: readonly RecordedEvent[]): void {
    if (this.open.size === 0 || !batch.some((event) => REVOKING_EVENTS.has(event.type))) return;
    void this.recheckAll();
  }

  private async recheck(connection: OpenConnection): Promise<void> {
    try {
      await this.authenticate(connection.credentials);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) return;
      if (this.open.get(connection.socket) !== connection) return;
      this.open.delete(connection.socket);
      this.logger.log(`Closing a live connection of ${connection.context.actor}: ${error.message}`);
      connection.socket.close(LIVE_CLOSE_REVOKED, closeReason(error.message));
    }
  }
}

/**
 * The credentials of a live connection, as the HTTP headers the Authenticator reads: the bearer
 * token of `connectionParams.authorization`, else the upgrade request's cookie (with its origin,
 * for the session's Origin check), which the Authenticator accepts once sessions exist.
 */
function credentialsOf(connectionParams: unknown, upgradeHeaders: Headers): Headers {
  const params = (typeof connectionParams === 'object' && connectionParams) || {};
  const authorization = (params as Record<string, unknown>).authorization;
  const correlation = { 'x-correlation-id': upgradeHeaders['x-correlation-id'] };
  if (typeof authorization === 'string' && authorization.length > 0) return { authorization, ...correlation };
  if (upgradeHeaders.cookie) {
    if (!sameOrigin(upgradeHeaders)) {
      throw new UnauthenticatedError('A session cookie is accepted only from pages of this service (Origin check)');
    }
    return { cookie: upgradeHeaders.cookie, ...correlation };
  }
  throw new UnauthenticatedError(
    'Sign in first: a bearer token in connectionParams { authorization: "Bearer <token>" }, or a session cookie',
  );
}

/** A browser names the page's origin on every WebSocket upgrade; it must be the host it connects to. */
function sameOrigin(headers: Headers): boolean {
  const origin = headers.origin;
  const host = headers.host;
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A WebSocket close reason is at most 123 bytes. */
export function closeReason(message: string): string {
  const bytes = Buffer.from(message);
  return bytes.length <= 123
    ? message
    : bytes
        .subarray(0, 120)
        .toString()
        .replace(/\uFFFD+$/, '') + '…';
}
