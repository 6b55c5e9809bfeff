// The contract over WebSocket: text frames holding WireRequest JSON in,
// WireMessage JSON out, and every event broadcast to every client. Peers are
// untrusted: frames are size-capped, requests in flight per client are
// capped, and a client too slow to read its events skips fleet deltas and is
// dropped if it falls far behind. A client that skipped a delta is sent the
// newest one once it has caught up: it sees the gap in seq and reloads the
// fleet, even when no further change would have told it.
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { events as contractEvents, type EventName, type WireMessage } from '../../contract/api.js';
import { MAX_UI_BUNDLE_BASE64_CHARS } from '../../contract/diagnostics.js';
import type { HearthService } from '../app/service.js';
import { answerWireRequest } from '../app/wire.js';
import { eventText } from './event-text.js';

/** Room for the largest request: a support bundle opened in the window travels as base64 (diagnostics.openBundle). */
export const MAX_MESSAGE_BYTES = MAX_UI_BUNDLE_BASE64_CHARS + 64 * 1024;
export const MAX_IN_FLIGHT = 64;
/** Above this much unsent data a client gets no fleet updates until it catches up. */
const SKIP_EVENTS_ABOVE_BYTES = 4 * 1024 * 1024;
/** Above this it is not reading at all: disconnect. */
const DROP_CLIENT_ABOVE_BYTES = 64 * 1024 * 1024;
/** How often a client that skipped fleet deltas is checked for having caught up. */
const CATCH_UP_CHECK_MS = 1000;

/** Close codes (RFC 6455 7.4.1). */
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_POLICY = 1008;
const CLOSE_GOING_AWAY = 1001;

export interface WsApiOptions {
  service: HearthService;
  /** How often clients are pinged; one missed pong and they are dropped. Default 30 s. */
  heartbeatMs?: number;
}

export interface WsApi {
  wss: WebSocketServer;
  close(): Promise<void>;
}

interface ClientState {
  alive: boolean;
  inFlight: number;
  /** It skipped the newest fleet delta (back-pressure) and has not been sent it yet. */
  missedDelta: boolean;
}

export function createWsApi(opts: WsApiOptions): WsApi {
  const { service } = opts;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, clientTracking: true });
  const clients = new Map<WebSocket, ClientState>();

  const send = (ws: WebSocket, message: WireMessage | string): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > DROP_CLIENT_ABOVE_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  };

  wss.on('connection', (ws) => {
    const state: ClientState = { alive: true, inFlight: 0, missedDelta: false };
    clients.set(ws, state);
    ws.on('pong', () => {
      state.alive = true;
    });
    ws.on('close', () => clients.delete(ws));
    // A protocol error (oversized frame, bad framing): ws closes the socket itself.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        ws.close(CLOSE_UNSUPPORTED, 'text frames only');
        return;
      }
      let frame: unknown;
      try {
        frame = JSON.parse(rawToString(data));
      } catch {
        send(ws, { type: 'response', id: -1, ok: false, error: { code: 'invalid-params', message: 'the frame is not JSON' } });
        return;
      }
      if (state.inFlight >= MAX_IN_FLIGHT) {
        ws.close(CLOSE_POLICY, `more than ${MAX_IN_FLIGHT} requests in flight`);
        return;
      }
      state.inFlight++;
      void answerWireRequest(service, frame).then((reply) => {
        state.inFlight--;
        send(ws, reply);
      });
    });
  });

  let newestDelta: string | undefined;
  let catchUpTimer: NodeJS.Timeout | undefined;
  const catchUp = (): void => {
    catchUpTimer = undefined;
    for (const [ws, state] of clients) {
      if (!state.missedDelta || newestDelta === undefined || ws.bufferedAmount > SKIP_EVENTS_ABOVE_BYTES) continue;
      state.missedDelta = false;
      send(ws, newestDelta);
    }
    if ([...clients.values()].some((s) => s.missedDelta)) scheduleCatchUp();
  };
  const scheduleCatchUp = (): void => {
    if (catchUpTimer) return;
    catchUpTimer = setTimeout(catchUp, CATCH_UP_CHECK_MS);
    catchUpTimer.unref();
  };

  // Events are serialised once and sent to every client.
  const unsubscribe = (Object.keys(contractEvents) as EventName[]).map((event) =>
    service.on(event, (payload) => {
      if (clients.size === 0) return;
      const text = eventText(event, payload);
      if (event === 'fleet.delta') newestDelta = text;
      for (const [ws, state] of clients) {
        if (event === 'fleet.delta') {
          state.missedDelta = ws.bufferedAmount > SKIP_EVENTS_ABOVE_BYTES;
          if (state.missedDelta) {
            scheduleCatchUp();
            continue;
          }
        }
        send(ws, text);
      }
    }),
  );

  const heartbeat = setInterval(() => {
    for (const [ws, state] of clients) {
      if (!state.alive) {
        ws.terminate();
        continue;
      }
      state.alive = false;
      ws.ping();
    }
  }, opts.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    wss,
    close: async () => {
      clearInterval(heartbeat);
      clearTimeout(catchUpTimer);
      for (const off of unsubscribe) off();
      if (clients.size > 0) {
        for (const ws of clients.keys()) ws.close(CLOSE_GOING_AWAY, 'server closing');
        // Give clients a moment to answer the close handshake, then cut the rest.
        await new Promise((resolve) => setTimeout(resolve, 50));
        for (const ws of clients.keys()) ws.terminate();
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
