// Typed failures of the CGMiner API client. Every way a device exchange can go
// wrong ends in one of these, so the UI can show a kind rather than a stack.
import type { DeviceError, DeviceErrorKind } from '../../contract/fleet.js';
import { TransportError } from '../transports/tcp.js';

export class CgminerError extends Error {
  override readonly name = 'CgminerError';
  readonly kind: DeviceErrorKind;
  /** The device's STATUS Code, when the failure is a STATUS the device sent. */
  readonly code?: number;

  constructor(kind: DeviceErrorKind, message: string, options?: { code?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    if (options?.code !== undefined) this.code = options.code;
  }

  /** The contract's serialisable form. */
  toJSON(): DeviceError {
    return this.code === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, code: this.code };
  }

  /** Wraps a transport failure; anything else (e.g. an abort reason) is returned as is. */
  static fromTransport(err: unknown): unknown {
    if (err instanceof TransportError) return new CgminerError(err.kind, err.message, { cause: err });
    return err;
  }
}

/** A request the client refuses to send (bad command name, oversized parameter, ...). */
export class CgminerRequestError extends Error {
  override readonly name = 'CgminerRequestError';
}
