// Exit codes a script can rely on (docs/cli.md), and the errors that carry them.
import { CgminerError } from '../core/cgminer-api/errors.js';

export const EXIT_OK = 0;
/** The device could not be reached or answered with an error. */
export const EXIT_DEVICE = 1;
/** Bad command line. */
export const EXIT_USAGE = 2;
/** A scan found no device. */
export const EXIT_NOTHING_FOUND = 3;
/** A change was not made: refused by the device, access denied, not applied, invalid, or not confirmed. */
export const EXIT_NOT_APPLIED = 4;
/** `diag`: the device was read and at least one health check failed. */
export const EXIT_CHECK_FAILED = 5;
/** A file could not be written or was refused as a bundle (`diag --bundle`, `open`). */
export const EXIT_FILE = 6;
/** A bug or an environment problem (sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the command already described; only its exit code is left to report. */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  readonly exitCode: number;

  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * "127.0.1.5:4028: timeout: no connection after 5000 ms": the device, the
 * typed kind (stable, for scripts), then the details.
 */
export function describeDeviceError(where: string, err: CgminerError): string {
  const details = err.message.startsWith(where) ? err.message.slice(where.length).replace(/^[:\s]+/, '') : err.message;
  return `${where}: ${err.kind}: ${details}`;
}
