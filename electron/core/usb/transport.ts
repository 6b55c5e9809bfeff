// The one thing the driver needs from a USB stick: send a report, receive a
// report within a time limit, and learn when the stick goes away. HID
// (node-hid), libusb (usb) and the in-memory link for tests implement it.

export type TransportErrorCode = 'timeout' | 'closed' | 'unplugged' | 'access-denied' | 'driver-missing' | 'busy' | 'size' | 'io';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type CloseReason = 'closed' | 'unplugged';

export interface PacketTransport {
  /** For logs and errors, e.g. "hid /dev/hidraw3". */
  readonly description: string;
  readonly closed: boolean;
  /** Sends one report (at most the transport's report size). */
  write(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** The next report; rejects with TransportError 'timeout' when none arrives in time, 'unplugged'/'closed' when gone. */
  read(timeoutMs: number): Promise<Uint8Array>;
  close(): Promise<void>;
  /** Called once, when the transport closes; returns an unsubscribe function. */
  onClose(listener: (reason: CloseReason) => void): () => void;
}

/** The largest report any Canaan stick uses (the AUC's 64-byte frames); anything longer is refused. */
export const MAX_REPORT_BYTES = 64;

export function checkReportSize(bytes: Uint8Array, limit = MAX_REPORT_BYTES): void {
  if (bytes.length === 0 || bytes.length > limit) throw new TransportError('size', `a report has 1..${limit} bytes, got ${bytes.length}`);
}

/** Close bookkeeping shared by the transports: one reason, listeners told once. */
export class CloseSignal {
  private reason: CloseReason | undefined;
  private readonly listeners = new Set<(reason: CloseReason) => void>();

  get closed(): boolean {
    return this.reason !== undefined;
  }

  get closeReason(): CloseReason | undefined {
    return this.reason;
  }

  /** Returns false when it was already closed. */
  close(reason: CloseReason): boolean {
    if (this.reason !== undefined) return false;
    this.reason = reason;
    for (const listener of [...this.listeners]) listener(reason);
    this.listeners.clear();
    return true;
  }

  subscribe(listener: (reason: CloseReason) => void): () => void {
    if (this.reason !== undefined) {
      const reason = this.reason;
      queueMicrotask(() => listener(reason));
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The error an operation on a closed transport gets. */
  error(description: string): TransportError {
    return this.reason === 'unplugged'
      ? new TransportError('unplugged', `${description} was unplugged`)
      : new TransportError('closed', `${description} is closed`);
  }
}

export function checkTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`timeout must be a positive number of milliseconds, got ${ms}`);
  return ms;
}

/** Races an operation against a timer; the timer never outlives the race. */
export async function withTimeout<T>(op: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportError('timeout', `${what} timed out after ${ms} ms`)), checkTimeout(ms));
  });
  try {
    return await Promise.race([op, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
