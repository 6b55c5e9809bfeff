// Picks the transport: the Electron preload's `window.hearth` when present,
// else a WebSocket to the headless server that served this page.
import type { HearthApi } from '../../../electron/contract/api.js';
import { toRequestError } from './errors.js';
import { createWsApi, type Connection, type ConnectionState, type SocketFactory } from './ws-client.js';

declare global {
  interface Window {
    /** Set by electron/preload through contextBridge. */
    hearth?: HearthApi;
  }
}

export type Transport = 'ipc' | 'websocket';

export interface Bridge {
  api: HearthApi;
  transport: Transport;
  connection: Connection;
}

/** The WebSocket URL for a page location: same host, `/api`, the page's `token` passed on. */
export function apiSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(location.search).get('token');
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/api${query}`;
}

export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.addEventListener('open', () => handlers.open());
  ws.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.message(event.data);
  });
  ws.addEventListener('close', (event) => handlers.close(event.code, event.reason));
  return {
    send: (text) => ws.send(text),
    close: () => ws.close(1000, 'closed by the page'),
  };
};

// IPC has no connection of its own to lose: the core lives in the same app.
const ALWAYS_OPEN: ConnectionState = { status: 'open', generation: 1 };
const ipcConnection: Connection = {
  get: () => ALWAYS_OPEN,
  subscribe: () => () => undefined,
  retryNow: () => undefined,
};

/** Wraps the preload object so its failures arrive as HearthRequestError, like the WebSocket's. */
function ipcApi(hearth: HearthApi): HearthApi {
  return {
    request: (method, params) => hearth.request(method, params).catch((error: unknown) => Promise.reject(toRequestError(error))),
    on: (event, listener) => hearth.on(event, listener),
  };
}

export function createBridge(win: Window): Bridge {
  if (win.hearth) return { api: ipcApi(win.hearth), transport: 'ipc', connection: ipcConnection };
  const api = createWsApi({ url: apiSocketUrl(win.location), createSocket: browserSocketFactory });
  return { api, transport: 'websocket', connection: api.connection };
}
