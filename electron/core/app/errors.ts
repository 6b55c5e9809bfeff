// Errors that cross the contract boundary. The service throws ApiRequestError
// for failures the user should see; anything else is reported as 'internal'
// without leaking stack traces to the renderer.
import type { ApiError } from '../../contract/api.js';

export class ApiRequestError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiRequestError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
