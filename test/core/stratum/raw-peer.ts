// A bare JSON-lines peer over TCP for driving a pool or a client by hand.
import net from 'node:net';
import { LineDecoder } from '../../../electron/core/stratum/framing.js';

export interface RawPeer {
  socket: net.Socket;
  send(message: object | string): void;
  /** The next JSON message received (rejects after `ms`). */
  next(ms?: number): Promise<Record<string, unknown>>;
  /** Resolves when the other side closes. */
  closed: Promise<void>;
}

export function rawPeer(socket: net.Socket): RawPeer {
  const decoder = new LineDecoder(1024 * 1024, 'raw peer');
  const queue: Record<string, unknown>[] = [];
  const waiters: { resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const line of decoder.push(chunk)) {
      const m = JSON.parse(line) as Record<string, unknown>;
      const w = waiters.shift();
      if (w) w.resolve(m);
      else queue.push(m);
    }
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      // Nobody will answer a waiter once the socket is gone.
      for (const w of waiters.splice(0)) w.reject(new Error('connection closed'));
      resolve();
    }),
  );
  return {
    socket,
    send: (message) => socket.write(typeof message === 'string' ? message : `${JSON.stringify(message)}\n`),
    next: (ms = 2000) =>
      new Promise((resolve, reject) => {
        const queued = queue.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(() => reject(new Error(`no message within ${ms} ms`)), ms);
        waiters.push({
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      }),
    closed,
  };
}

export async function connectRaw(port: number): Promise<RawPeer> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return rawPeer(socket);
}
