// One framed request in, one framed response out: the part of message
// handling that both transports share (the server's WebSocket, and anything
// else that carries WireRequest frames).
import { WireRequestSchema, type WireMessage } from '../../contract/api.js';
import { toApiError } from './errors.js';
import type { HearthService } from './service.js';

/** Answers a decoded frame. Never rejects: every failure becomes an error response. */
export async function answerWireRequest(service: HearthService, frame: unknown): Promise<WireMessage> {
  const parsed = WireRequestSchema.safeParse(frame);
  if (!parsed.success) {
    const id = typeof frame === 'object' && frame !== null && Number.isInteger((frame as { id?: unknown }).id) ? (frame as { id: number }).id : -1;
    return { type: 'response', id, ok: false, error: { code: 'invalid-params', message: 'a request needs an integer id, a method name and params' } };
  }
  const { id, method, params } = parsed.data;
  try {
    return { type: 'response', id, ok: true, result: await service.handle(method, params) };
  } catch (err) {
    return { type: 'response', id, ok: false, error: toApiError(err) };
  }
}
