// The headless server: the built renderer over HTTP and the contract over a
// WebSocket at /api, for a browser on this machine (or, with a token, on the
// LAN). Security rules: docs/security.md, "Headless server".
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HearthService } from '../app/service.js';
import { generateToken, hostOfHeader, isLoopbackHost, originAllowed, tokenMatches } from './access.js';
import { sendPlain, serveStatic } from './static.js';
import { createWsApi } from './ws-api.js';

export const DEFAULT_SERVER_HOST = '127.0.0.1';
/** Next to cgminer's 4028, so "the miner port plus one" is easy to remember. */
export const DEFAULT_SERVER_PORT = 4029;
export const API_PATH = '/api';

export interface ServerOptions {
  service: HearthService;
  /** Address to bind. Default 127.0.0.1; anything not loopback requires a token. */
  host?: string;
  /** Default 4029; 0 picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Required on the WebSocket as `?token=`. Generated when the host is not loopback and none is given. */
  token?: string;
  /** Ping interval for WebSocket clients. Default 30 s. */
  heartbeatMs?: number;
}

export interface RunningServer {
  /** The page to open, with `?token=` when one is required. */
  url: string;
  host: string;
  port: number;
  /** The token in force, if any (print it for the user). */
  token?: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? DEFAULT_SERVER_HOST;
  const loopback = isLoopbackHost(host);
  if (opts.token !== undefined && opts.token.length < 8) throw new RangeError('a token must be at least 8 characters');
  const token = opts.token ?? (loopback ? undefined : generateToken());
  const root = await fs.realpath(opts.staticDir);
  const api = createWsApi({ service: opts.service, ...(opts.heartbeatMs === undefined ? {} : { heartbeatMs: opts.heartbeatMs }) });

  /** Bound to loopback, only loopback names may appear in Host: DNS rebinding protection. */
  const hostAllowed = (hostHeader: string | undefined): boolean => {
    if (!loopback) return true;
    const h = hostOfHeader(hostHeader);
    return h !== undefined && isLoopbackHost(h);
  };

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host)) {
      sendPlain(res, 403, 'Forbidden host\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendPlain(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    if (pathOf(req.url) === API_PATH) {
      sendPlain(res, 426, 'Use a WebSocket\n', { Upgrade: 'websocket' });
      return;
    }
    serveStatic(root, req, res).catch(() => res.destroy());
  });
  // Slow-loris style clients: a request must arrive whole within 10 s.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== API_PATH) return refuse(404, 'Not Found');
    if (!hostAllowed(req.headers.host)) return refuse(403, 'Forbidden');
    if (!originAllowed(req.headers.origin, req.headers.host)) return refuse(403, 'Forbidden');
    if (token !== undefined && !tokenMatches(token, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    api.wss.handleUpgrade(req, socket, head, (ws) => api.wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_SERVER_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const pageHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${pageHost}:${port}/${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    ...(token === undefined ? {} : { token }),
    close: () =>
      (closing ??= (async () => {
        await api.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
}
