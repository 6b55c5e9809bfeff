// Parsing of the server's WebSocket frames. The server is same-origin and
// trusted, but a frame is still checked before use: a malformed one is
// dropped instead of breaking the pending-request bookkeeping.
import { events, type ApiError, type EventName, type WireMessage, type WireRequest } from '../../../electron/contract/api.js';

/** Every event of the contract, features' included. */
const EVENT_NAMES: ReadonlySet<string> = new Set(Object.keys(events));

/** Frames above this size are dropped; the largest real reply (device.get with raw replies) is far smaller. */
export const MAX_FRAME_CHARS = 16 * 1024 * 1024;

function asApiError(value: unknown): ApiError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.code !== 'string' || typeof v.message !== 'string') return undefined;
  return { code: v.code as ApiError['code'], message: v.message, details: v.details };
}

/** Returns the message, or undefined when the frame is not a valid WireMessage. */
export function parseWireMessage(text: string): WireMessage | undefined {
  if (text.length > MAX_FRAME_CHARS) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.type === 'event') {
    if (typeof m.event !== 'string' || !EVENT_NAMES.has(m.event)) return undefined;
    return { type: 'event', event: m.event as EventName, payload: m.payload };
  }
  if (m.type === 'response' && typeof m.id === 'number' && Number.isInteger(m.id)) {
    if (m.ok === true) return { type: 'response', id: m.id, ok: true, result: m.result };
    const error = m.ok === false ? asApiError(m.error) : undefined;
    if (error) return { type: 'response', id: m.id, ok: false, error };
  }
  return undefined;
}

export function encodeWireRequest(request: WireRequest): string {
  return JSON.stringify(request);
}
