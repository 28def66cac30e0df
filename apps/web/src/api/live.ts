import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import type { ApiClient, SocketState } from './client.js';

/** How often a page refreshes while no subscription is delivering */
export const POLL_MS = 5000;

export const SocketContext = createContext<ApiClient['socket'] | null>(null);

function useSocketState(): SocketState {
  const socket = useContext(SocketContext);
  const [state, setState] = useState<SocketState>(() => socket?.state() ?? 'closed');
  useEffect(() => {
    if (!socket) return;
    setState(socket.state());
    return socket.onChange(setState);
  }, [socket]);
  return state;
}

/**
 * Keeps a query current: each delivery of `subscription` calls `refetch`. While the socket is not
 * connected, or when the server refuses the subscription (a server without it), the page polls
 * every 5 s instead. Answers 'live' or 'polling' for the page to say which.
 */
export function useLiveRefetch(
  subscription: string,
  variables: Record<string, unknown>,
  refetch: () => void,
): 'live' | 'polling' {
  const client = useClient();
  const socketState = useSocketState();
  const [refused, setRefused] = useState(false);
  const latest = useRef(refetch);
  latest.current = refetch;
  const key = JSON.stringify(variables);

  useEffect(() => {
    setRefused(false);
    const { unsubscribe } = client.subscription(subscription, JSON.parse(key)).subscribe((result) => {
      if (result.error) setRefused(true);
      else latest.current();
    });
    return unsubscribe;
  }, [client, subscription, key]);

  const mode = !refused && socketState === 'connected' ? 'live' : 'polling';
  useEffect(() => {
    if (mode !== 'polling') return;
    const timer = window.setInterval(() => latest.current(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [mode]);

  return mode;
}
