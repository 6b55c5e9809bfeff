// An in-memory USB link: the host end is a PacketTransport, the device end is
// what a simulated stick (sim-stick.ts) listens and answers on. Reports are
// delivered asynchronously, as a real bus would, and each direction's queue is
// bounded like a device FIFO: when full, the oldest report is lost.
import { CloseSignal, TransportError, checkReportSize, checkTimeout, type CloseReason, type PacketTransport } from './transport.js';

export interface DeviceEnd {
  /** Receives every report the host writes, in order. */
  onReport(handler: (bytes: Uint8Array) => void): void;
  /** Queues a report for the host to read; ignored once unplugged. */
  send(bytes: Uint8Array): void;
  /** Pulls the stick out: the host's pending and later operations fail with 'unplugged'. */
  unplug(): void;
  readonly unplugged: boolean;
}

export interface MemoryLink {
  host: PacketTransport;
  device: DeviceEnd;
}

interface PendingRead {
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export function createMemoryLink(options: { description?: string; maxQueuedReports?: number } = {}): MemoryLink {
  const description = options.description ?? 'memory link';
  const maxQueued = options.maxQueuedReports ?? 64;
  const signal = new CloseSignal();
  const inbound: Uint8Array[] = [];
  const readers: PendingRead[] = [];
  let deviceHandler: ((bytes: Uint8Array) => void) | undefined;

  const failReaders = () => {
    const error = signal.error(description);
    for (const r of readers.splice(0)) {
      clearTimeout(r.timer);
      r.reject(error);
    }
  };
  const shut = (reason: CloseReason) => {
    if (signal.close(reason)) failReaders();
  };

  const host: PacketTransport = {
    description,
    get closed() {
      return signal.closed;
    },
    async write(bytes, timeoutMs) {
      checkTimeout(timeoutMs);
      if (signal.closed) throw signal.error(description);
      checkReportSize(bytes);
      const copy = Uint8Array.from(bytes);
      setImmediate(() => {
        if (!signal.closed) deviceHandler?.(copy);
      });
    },
    async read(timeoutMs) {
      checkTimeout(timeoutMs);
      if (signal.closed) throw signal.error(description);
      const ready = inbound.shift();
      if (ready) return ready;
      return new Promise<Uint8Array>((resolve, reject) => {
        const pending: PendingRead = {
          resolve,
          reject,
          timer: setTimeout(() => {
            readers.splice(readers.indexOf(pending), 1);
            reject(new TransportError('timeout', `${description}: no report within ${timeoutMs} ms`));
          }, timeoutMs),
        };
        readers.push(pending);
      });
    },
    async close() {
      shut('closed');
    },
    onClose(listener) {
      return signal.subscribe(listener);
    },
  };

  const device: DeviceEnd = {
    onReport(handler) {
      deviceHandler = handler;
    },
    send(bytes) {
      if (signal.closed) return;
      checkReportSize(bytes);
      const copy = Uint8Array.from(bytes);
      const reader = readers.shift();
      if (reader) {
        clearTimeout(reader.timer);
        reader.resolve(copy);
        return;
      }
      inbound.push(copy);
      if (inbound.length > maxQueued) inbound.shift();
    },
    unplug() {
      shut('unplugged');
    },
    get unplugged() {
      return signal.closeReason === 'unplugged';
    },
  };

  return { host, device };
}
