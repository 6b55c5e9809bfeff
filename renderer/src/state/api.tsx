// The bridge in React context: pages call `useApi()` and never see the transport.
import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { EventName, EventPayload, HearthApi } from '../../../electron/contract/api.js';
import type { Bridge } from '../api/bridge.js';
import type { ConnectionState } from '../api/ws-client.js';

const BridgeContext = createContext<Bridge | null>(null);

export function ApiProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside ApiProvider');
  return bridge;
}

export function useApi(): HearthApi {
  return useBridge().api;
}

export function useConnection(): ConnectionState {
  const { connection } = useBridge();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/** Subscribes to a core event for the component's lifetime; the latest handler is always called. */
export function useEvent<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}
