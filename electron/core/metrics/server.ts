// The optional, read-only Prometheus endpoint. Off unless the service starts
// it; bound to loopback unless the user explicitly allows another address.
// It serves GET/HEAD /metrics and nothing else. While bound to loopback it
// also checks the Host header, so a web page cannot read the fleet through
// DNS rebinding.
import http from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { FleetDevice } from '../../contract/fleet.js';
import { CONTENT_TYPE, renderFleetMetrics } from './exposition.js';

export interface MetricsServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = any free port. */
  port: number;
  getFleet: () => readonly FleetDevice[];
  /** Required to bind anything but a loopback address: the endpoint has no authentication. */
  allowNonLoopback?: boolean;
}

export interface MetricsServer {
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

export class MetricsServerError extends Error {
  override name = 'MetricsServerError';
}

export const DEFAULT_METRICS_HOST = '127.0.0.1';
/** Not in Prometheus's list of registered exporter ports at the time of writing; any free port works. */
export const DEFAULT_METRICS_PORT = 9745;

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** The host part of a Host header ("127.0.0.1:9745", "[::1]:9745", "localhost"). */
function hostOf(header: string): string {
  if (header.startsWith('[')) return header.slice(1, header.indexOf(']'));
  const colons = header.split(':').length - 1;
  return colons === 1 ? header.slice(0, header.indexOf(':')) : header;
}

function reply(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const host = opts.host ?? DEFAULT_METRICS_HOST;
  const loopback = isLoopback(host);
  if (!loopback && opts.allowNonLoopback !== true) {
    throw new MetricsServerError(`refusing to serve metrics on ${host}: it is not a loopback address and the endpoint has no authentication (allow it explicitly to expose it)`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new MetricsServerError(`invalid port ${opts.port}`);

  const server = http.createServer((req, res) => {
    if (loopback && !isLoopback(hostOf(req.headers.host ?? ''))) {
      reply(res, 403, 'forbidden: this endpoint answers loopback host names only\n');
      return;
    }
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      reply(res, 404, 'not found: the only path is /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    let body: string;
    try {
      body = renderFleetMetrics(opts.getFleet());
    } catch (err) {
      reply(res, 500, `could not render metrics: ${err instanceof Error ? err.message : String(err)}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  // A scrape is one small request: slow or idle clients are cut off early.
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;
  server.maxConnections = 32;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : err.code === 'EACCES' ? 'permission denied' : err.message;
      reject(new MetricsServerError(`cannot serve metrics on ${host}:${opts.port}: ${why}`));
    });
    server.listen(opts.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url: `http://${shown}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
