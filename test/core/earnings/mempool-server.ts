// A local stand-in for a mempool.space API on 127.0.0.1: it replays the
// replies in test/fixtures/mempool/ (see its README for where each came from)
// and lets a test swap any route for a hostile one.
import http from 'node:http';
import type net from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'mempool');

export function fixture(name: string): string {
  return readFileSync(path.join(fixturesDir, name), 'utf8');
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function json(body: string, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  };
}

export function text(body: string, status = 200, contentType = 'text/plain'): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };
}

const TIP_HASH = '00000000000000000000e7d533924ecd9e2096bdf261ae3daf3f04861150c5a8';

/** The recorded (or documented-schema) replies, by path under /api. */
export function recordedRoutes(): Map<string, Handler> {
  return new Map<string, Handler>([
    ['/api/v1/mining/hashrate/3d', json(fixture('v1-mining-hashrate-3d.json'))],
    ['/api/blocks/tip/height', text(fixture('blocks-tip-height.txt'))],
    ['/api/blocks/tip/hash', text(fixture('blocks-tip-hash.txt'))],
    [`/api/block/${TIP_HASH}`, json(fixture('block-837050.json'))],
    ['/api/v1/mining/reward-stats/144', json(fixture('v1-mining-reward-stats-144.json'))],
    ['/api/v1/difficulty-adjustment', json(fixture('v1-difficulty-adjustment.json'))],
    ['/api/v1/prices', json(fixture('v1-prices.json'))],
    ['/rates/latest', json(fixture('rates-usd.json'))],
  ]);
}

export interface MempoolServer {
  /** The API base URL, e.g. http://127.0.0.1:40123/api */
  baseUrl: string;
  origin: string;
  routes: Map<string, Handler>;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startMempoolServer(routes = recordedRoutes(), host = '127.0.0.1', port = 0): Promise<MempoolServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const handler = routes.get(url);
    if (handler) handler(req, res);
    else text('Not Found', 404)(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as net.AddressInfo;
  const origin = `http://${host}:${bound}`;
  return {
    baseUrl: `${origin}/api`,
    origin,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await startMempoolServer(new Map());
  const port = Number(new URL(s.origin).port);
  await s.close();
  return port;
}
