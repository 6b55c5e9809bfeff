// HearthApi over the headless server's WebSocket (`/api`): request/response
// matching by id, event fan-out, request timeouts, and reconnection with
// back-off. The socket itself is injected so the logic runs under node:test.
import { requests, type EventName, type EventPayload, type HearthApi, type RequestMethod, type RequestParams, type RequestResult } from '../../../electron/contract/api.js';
import type { RequestSpec } from '../../../electron/contract/common.js';
import { HearthRequestError } from './errors.js';
import { encodeWireRequest, parseWireMessage } from './wire.js';

export interface SocketHandlers {
  open(): void;
  message(text: string): void;
  close(code: number, reason: string): void;
}
export interface SocketHandle {
  send(text: string): void;
  close(): void;
}
/** Opens a socket and reports its life through the handlers. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

export type ConnectionStatus = 'connecting' | 'open' | 'closed';
export interface ConnectionState {
  status: ConnectionStatus;
  /** Incremented on every successful open: a change means "state may have been missed, reload". */
  generation: number;
  /** When closed: the time (ms) of the next attempt. */
  retryAt?: number;
  /** When closed: why, as far as the socket said. */
  reason?: string;
}
export interface Connection {
  get(): ConnectionState;
  subscribe(listener: () => void): () => void;
  retryNow(): void;
}

export interface WsHearthApi extends HearthApi {
  readonly connection: Connection;
  /** Closes the socket for good and fails what is pending. */
  close(): void;
}

export interface WsClientOptions {
  url: string;
  createSocket: SocketFactory;
  requestTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** 0..1; injected so tests get deterministic delays. */
  random?: () => number;
}

interface Pending {
  method: string;
  frame: string;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(result: unknown): void;
  reject(error: HearthRequestError): void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Back-off delay before reconnect attempt `attempt` (0-based), with +-25 % jitter. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.75 + random * 0.5));
}

export function createWsApi(options: WsClientOptions): WsHearthApi {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 500, maxMs: 15_000 };
  const random = options.random ?? Math.random;

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const stateListeners = new Set<() => void>();
  let state: ConnectionState = { status: 'connecting', generation: 0 };
  let socket: SocketHandle | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let nextId = 1;
  let stopped = false;

  function setState(next: ConnectionState): void {
    state = next;
    for (const listener of stateListeners) listener();
  }

  function settle(id: number): Pending | undefined {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    clearTimeout(p.timer);
    return p;
  }

  function flushQueue(): void {
    if (state.status !== 'open' || !socket) return;
    for (const p of pending.values()) {
      if (p.sent) continue;
      p.sent = true;
      socket.send(p.frame);
    }
  }

  function onMessage(text: string): void {
    const message = parseWireMessage(text);
    if (!message) {
      console.warn('Hearth: ignored a malformed message from the server');
      return;
    }
    if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) {
        try {
          (listener as (payload: unknown) => void)(message.payload);
        } catch (error) {
          console.error(`Hearth: a '${message.event}' listener failed`, error);
        }
      }
      return;
    }
    const p = settle(message.id);
    if (!p) return;
    if (message.ok) p.resolve(message.result);
    else p.reject(new HearthRequestError(message.error.code, message.error.message, message.error.details));
  }

  function onClose(reason: string): void {
    socket = undefined;
    // Requests already on the wire will never be answered by the next socket.
    for (const [id, p] of pending) {
      if (!p.sent) continue;
      settle(id);
      p.reject(new HearthRequestError('disconnected', `The connection to the Hearth server was lost before it answered ${p.method}.`));
    }
    if (stopped) return;
    const delay = backoffDelay(attempt, initialMs, maxMs, random());
    attempt += 1;
    setState({ status: 'closed', generation: state.generation, retryAt: Date.now() + delay, reason: reason || undefined });
    retryTimer = setTimeout(connect, delay);
  }

  function connect(): void {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    setState({ status: 'connecting', generation: state.generation });
    let closed = false;
    const handle = options.createSocket(options.url, {
      open() {
        if (closed) return;
        attempt = 0;
        setState({ status: 'open', generation: state.generation + 1 });
        flushQueue();
      },
      message(text) {
        if (!closed) onMessage(text);
      },
      close(_code, reason) {
        if (closed) return;
        closed = true;
        onClose(reason);
      },
    });
    socket = handle;
  }

  const api: WsHearthApi = {
    request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
      if (stopped) return Promise.reject(new HearthRequestError('disconnected', 'The connection to the Hearth server is closed.'));
      const id = nextId++;
      // Requests that talk to devices (health checks, exports) declare a longer budget in the contract.
      const budgetMs = Math.max(timeoutMs, (requests[method] as RequestSpec | undefined)?.timeoutMs ?? 0);
      return new Promise<RequestResult<M>>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (settle(id)) {
            reject(new HearthRequestError('timeout', `The Hearth server did not answer ${method} within ${Math.round(budgetMs / 1000)} s.`));
          }
        }, budgetMs);
        pending.set(id, {
          method,
          frame: encodeWireRequest({ id, method, params }),
          sent: false,
          timer,
          resolve: resolve as (result: unknown) => void,
          reject,
        });
        flushQueue();
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    connection: {
      get: () => state,
      subscribe(listener) {
        stateListeners.add(listener);
        return () => {
          stateListeners.delete(listener);
        };
      },
      retryNow() {
        if (state.status === 'closed') connect();
      },
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      socket?.close();
      for (const [id, p] of pending) {
        settle(id);
        p.reject(new HearthRequestError('disconnected', 'The connection to the Hearth server is closed.'));
      }
      setState({ status: 'closed', generation: state.generation });
    },
  };

  connect();
  return api;
}
