// One error type for every failed request, whatever the transport, so pages
// can show `message` and branch on `code` without knowing where it came from.
import type { ApiError } from '../../../electron/contract/api.js';

/** Contract codes, plus the two failures only a client can observe. */
export type RequestErrorCode = ApiError['code'] | 'disconnected' | 'timeout';

const CONTRACT_CODES: ReadonlySet<string> = new Set<ApiError['code']>([
  'invalid-params',
  'not-found',
  'device',
  'internal',
  'unknown-method',
  'unauthorized',
]);

export class HearthRequestError extends Error {
  override readonly name = 'HearthRequestError';
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && CONTRACT_CODES.has(v.code) && typeof v.message === 'string';
}

// Electron's ipcRenderer.invoke wraps a rejection as
// "Error invoking remote method 'hearth:request': Error: <message>".
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** Normalises whatever a transport rejected with into a HearthRequestError. */
export function toRequestError(error: unknown): HearthRequestError {
  if (error instanceof HearthRequestError) return error;
  if (isApiError(error)) return new HearthRequestError(error.code, error.message, error.details);
  if (typeof error === 'object' && error !== null && 'error' in error && isApiError(error.error)) {
    return new HearthRequestError(error.error.code, error.error.message, error.error.details);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message.replace(IPC_PREFIX, '');
    return new HearthRequestError(typeof code === 'string' && CONTRACT_CODES.has(code) ? (code as ApiError['code']) : 'internal', message);
  }
  const message = typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : String(error);
  return new HearthRequestError('internal', message);
}
