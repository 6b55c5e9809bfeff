// Tiny TCP servers on loopback for network tests: each connection's first
// chunk of bytes (the request) is handed to `onRequest` with the socket.
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export interface LoopbackServer {
  host: string;
  port: number;
  /** Requests received, in order. */
  requests: string[];
  /** Connections open right now. */
  open(): number;
  close(): Promise<void>;
}

export type OnRequest = (socket: net.Socket, request: string) => void;

export async function startServer(onRequest: OnRequest, host = '127.0.0.1', port = 0): Promise<LoopbackServer> {
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      const request = chunk.toString('utf8');
      requests.push(request);
      onRequest(socket, request);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    host,
    port: address.port,
    requests,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Replies like cgminer: the body, one NUL, then close. */
export function replyAndClose(body: string | Buffer): OnRequest {
  return (socket) => {
    socket.end(Buffer.concat([Buffer.from(body), Buffer.from([0])]));
  };
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The shared reference material (../shared from the repository root). */
export const sharedDir = path.join(repoRoot, '..', 'shared');

/** A real device reply from shared/captures/avalon. */
export function capture(name: string): string {
  return readFileSync(path.join(sharedDir, 'captures', 'avalon', name), 'utf8');
}

/**
 * Starts one server per entry, all on the same port (the first one's
 * ephemeral port), so that a range of addresses can be scanned at one port.
 * Retries with a new port if another process holds it on one of the addresses.
 */
export async function startFleet(entries: { host: string; onRequest: OnRequest }[]): Promise<{ port: number; servers: LoopbackServer[]; close(): Promise<void> }> {
  for (let attempt = 0; ; attempt++) {
    const servers: LoopbackServer[] = [];
    try {
      for (const entry of entries) {
        servers.push(await startServer(entry.onRequest, entry.host, servers[0]?.port ?? 0));
      }
      const port = servers[0]?.port ?? 0;
      return { port, servers, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
    } catch (e) {
      await Promise.all(servers.map((s) => s.close()));
      if (attempt >= 4) throw e;
    }
  }
}

/** A peer that accepts the connection and never answers. */
export const silent: OnRequest = () => undefined;
