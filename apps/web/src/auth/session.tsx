import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { authHeaders, createApiClient, type Credentials } from '../api/client.js';
import { SocketContext } from '../api/live.js';

export interface SignedInActor {
  id: string;
  kind: string;
  name: string;
  /** The responder id when the actor is a responder */
  responderId?: string;
}

export type Session =
  | { status: 'loading' }
  | { status: 'signed-out'; oidc: boolean; message?: string }
  | { status: 'signed-in'; credentials: Credentials; actor: SignedInActor; role: string; expiresAt?: string };

interface SessionValue {
  session: Session;
  signInWithToken(token: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads /auth/session again (after the session may have ended) */
  refresh(message?: string): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

interface ServerSession {
  signedIn: boolean;
  oidc?: boolean;
  actor?: { id: string; kind: string; name: string };
  role?: string;
  csrfToken?: string;
  expiresAt?: string;
}

const ME = `query SignedInAs { me { role actor { id kind display { name } responder { id name } operator { name } } } }`;

/** Who a bearer token belongs to, asked of the API itself (for servers without cookie sessions). */
async function whoHoldsToken(token: string): Promise<Session> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: ME }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: { me: { role: string; actor: any } };
    errors?: { message: string }[];
  };
  if (!body.data?.me)
    return { status: 'signed-out', oidc: false, message: body.errors?.[0]?.message ?? 'This token was not accepted.' };
  const { actor, role } = body.data.me;
  return {
    status: 'signed-in',
    credentials: { kind: 'bearer', token },
    role: String(role).toUpperCase(),
    actor: {
      id: actor.id,
      kind: String(actor.kind).toLowerCase(),
      name: actor.display?.name ?? actor.responder?.name ?? actor.operator?.name ?? actor.id,
      responderId: actor.responder?.id,
    },
  };
}

async function readSession(message?: string): Promise<Session | 'no-session-endpoint'> {
  const response = await fetch('/auth/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (response.status === 404) return 'no-session-endpoint';
  const body = (await response.json()) as ServerSession;
  if (!body.signedIn || !body.actor || !body.csrfToken)
    return { status: 'signed-out', oidc: body.oidc === true, message };
  return {
    status: 'signed-in',
    credentials: { kind: 'cookie', csrfToken: body.csrfToken },
    role: String(body.role ?? '').toUpperCase(),
    expiresAt: body.expiresAt,
    actor: {
      id: body.actor.id,
      kind: String(body.actor.kind).toLowerCase(),
      name: body.actor.name,
      responderId: String(body.actor.kind).toLowerCase() === 'responder' ? body.actor.id : undefined,
    },
  };
}

/** Where a server without cookie sessions keeps the bearer token: this tab only, gone when it closes. */
const TAB_TOKEN = 'incident-coordination.api-token';

function tabToken(): string | null {
  try {
    return window.sessionStorage.getItem(TAB_TOKEN);
  } catch {
    return null;
  }
}

function keepTabToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(TAB_TOKEN, token);
    else window.sessionStorage.removeItem(TAB_TOKEN);
  } catch {
    // storage refused (private mode): the token lasts until the page reloads
  }
}

/**
 * The signed-in state. Normally a cookie session (GET /auth/session; POST /auth/token turns an
 * API token into one). A server without session endpoints (404) still takes an API token: it is
 * then kept for this tab only (sessionStorage) and sent as a bearer token.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  const refresh = useCallback(async (message?: string) => {
    try {
      const read = await readSession(message);
      if (read !== 'no-session-endpoint') return setSession(read);
      const token = message ? null : tabToken();
      if (!token) {
        keepTabToken(null);
        return setSession({ status: 'signed-out', oidc: false, message });
      }
      const held = await whoHoldsToken(token);
      if (held.status !== 'signed-in') keepTabToken(null);
      setSession(held);
    } catch {
      setSession({
        status: 'signed-out',
        oidc: false,
        message: 'The server cannot be reached. Try again in a moment.',
      });
    }
  }, []);

  useEffect(() => void refresh(), [refresh]);

  const signInWithToken = useCallback(
    async (token: string) => {
      const response = await fetch('/auth/token', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (response.status === 404) {
        const held = await whoHoldsToken(token);
        keepTabToken(held.status === 'signed-in' ? token : null);
        setSession(held);
        return;
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: string | string[] };
        const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
        setSession({
          status: 'signed-out',
          oidc: session.status === 'signed-out' && session.oidc,
          message: message ?? 'This token was not accepted.',
        });
        return;
      }
      await refresh();
    },
    [refresh, session],
  );

  const signOut = useCallback(async () => {
    if (session.status === 'signed-in' && session.credentials.kind === 'cookie') {
      await fetch('/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: authHeaders(session.credentials),
      }).catch(() => undefined);
      await refresh('You are signed out.');
    } else {
      keepTabToken(null);
      setSession({ status: 'signed-out', oidc: false, message: 'You are signed out.' });
    }
  }, [session, refresh]);

  const value = useMemo(
    () => ({ session, signInWithToken, signOut, refresh }),
    [session, signInWithToken, signOut, refresh],
  );
  const credentials = session.status === 'signed-in' ? session.credentials : undefined;
  const client = useMemo(
    () =>
      credentials
        ? createApiClient(credentials, () => void refresh('Your session has ended. Sign in again.'))
        : undefined,
    [credentials, refresh],
  );
  useEffect(() => () => client?.dispose(), [client]);

  return (
    <SessionContext.Provider value={value}>
      {client ? (
        <Provider value={client.urql}>
          <SocketContext.Provider value={client.socket}>{children}</SocketContext.Provider>
        </Provider>
      ) : (
        children
      )}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in actor (pages render only when signed in). */
export function useSignedIn(): Extract<Session, { status: 'signed-in' }> {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useSignedIn while signed out');
  return session;
}

/** Managers, directors' tokens (MANAGER) and admins may act for others. */
export function isManager(role: string): boolean {
  return role === 'MANAGER' || role === 'ADMIN';
}
