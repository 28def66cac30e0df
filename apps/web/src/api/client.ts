import { Client, fetchExchange, mapExchange, subscriptionExchange, cacheExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

/** How requests prove who is asking: the session cookie plus its CSRF token, or a bearer token. */
export type Credentials = { kind: 'cookie'; csrfToken: string } | { kind: 'bearer'; token: string };

export type SocketState = 'connecting' | 'connected' | 'closed';

export interface ApiClient {
  urql: Client;
  /** The subscription socket's state, and a way to hear of changes */
  socket: { state(): SocketState; onChange(listener: (state: SocketState) => void): () => void };
  /** Closes the subscription socket (on sign-out or when the credentials change). */
  dispose(): void;
}

export function graphqlWsUrl(location: { protocol: string; host: string } = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** The request headers for `credentials`, for fetch calls outside GraphQL too (sign-out). */
export function authHeaders(credentials: Credentials): Record<string, string> {
  return credentials.kind === 'cookie'
    ? { 'x-csrf-token': credentials.csrfToken }
    : { authorization: `Bearer ${credentials.token}` };
}

/**
 * urql over HTTP POST for queries and mutations (same-origin cookies, the CSRF header) and over
 * graphql-ws for subscriptions (the cookie rides on the upgrade; a bearer token goes in
 * connectionParams). The document cache refetches a query when a mutation answers a type it shows.
 */
export function createApiClient(credentials: Credentials, onUnauthenticated: () => void): ApiClient {
  let socketState: SocketState = 'connecting';
  const listeners = new Set<(state: SocketState) => void>();
  const setSocketState = (state: SocketState) => {
    socketState = state;
    for (const listener of listeners) listener(state);
  };
  const ws: WsClient = createWsClient({
    on: {
      connecting: () => setSocketState('connecting'),
      connected: () => setSocketState('connected'),
      closed: () => setSocketState('closed'),
    },
    url: graphqlWsUrl(),
    lazy: true,
    retryAttempts: 3,
    connectionParams: credentials.kind === 'bearer' ? { authorization: `Bearer ${credentials.token}` } : undefined,
  });
  const urql = new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({
      credentials: 'same-origin',
      headers: authHeaders(credentials),
    }),
    exchanges: [
      mapExchange({
        onResult(result) {
          if (result.error?.graphQLErrors.some((error) => error.extensions?.code === 'UNAUTHENTICATED'))
            onUnauthenticated();
          return result;
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return {
    urql,
    socket: {
      state: () => socketState,
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    dispose: () => void ws.dispose(),
  };
}
