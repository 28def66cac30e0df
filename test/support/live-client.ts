import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { CommittedEvents } from '@app/event-store';
import type { TestApp } from './test-app.js';

export interface LiveResult<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

export interface LiveSubscription<T> {
  /** Every result received, in order. */
  results: Array<LiveResult<T>>;
  /** Resolves with the next result (or one already received and not taken yet). */
  next(timeoutMs?: number): Promise<LiveResult<T>>;
  /** Resolves when the server has completed the subscription or it failed. */
  ended: Promise<unknown>;
}

export interface LiveClient {
  client: Client;
  /** The close event of the socket, once it closed. */
  closed: Promise<{ code: number; reason: string }>;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): Promise<LiveSubscription<T>>;
  dispose(): Promise<void>;
}

/** Starts the test app's HTTP server on a random loopback port; the graphql-ws URL. */
export async function listen(app: TestApp): Promise<string> {
  if (!app.server.listening) await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  await app.app.get(CommittedEvents).whenLive();
  return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
}

/**
 * A graphql-ws client (ws as its WebSocket) signed in with `token` (none: no connectionParams).
 * `subscribe` resolves once the server has started listening for the subscription's changes,
 * so that a write made afterwards is delivered.
 */
export function liveClient(app: TestApp, url: string, token?: string): LiveClient {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
    onNonLazyError: () => undefined,
  });
  const events = app.app.get(CommittedEvents);
  return {
    client,
    closed,
    async subscribe<T>(query: string, variables?: Record<string, unknown>) {
      const results: Array<LiveResult<T>> = [];
      const waiting: Array<(result: LiveResult<T>) => void> = [];
      let taken = 0;
      const before = events.listenerCount;
      let settle!: (value: unknown) => void;
      const ended = new Promise((resolve) => (settle = resolve));
      client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            results.push(result as LiveResult<T>);
            waiting.shift()?.(results[taken++]);
          },
          error: (error) => {
            const errors = Array.isArray(error) ? error : [];
            if (errors.length > 0) {
              results.push({ errors });
              waiting.shift()?.(results[taken++]);
            }
            settle(error);
          },
          complete: () => settle(undefined),
        },
      );
      let settled = false;
      void ended.then(() => (settled = true));
      await until(() => settled || events.listenerCount > before, 'the server to listen');
      return {
        results,
        ended,
        next(timeoutMs = 10_000) {
          if (taken < results.length) return Promise.resolve(results[taken++]);
          return new Promise<LiveResult<T>>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('no subscription result in time')), timeoutMs);
            waiting.push((result) => {
              clearTimeout(timer);
              resolve(result);
            });
          });
        },
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
