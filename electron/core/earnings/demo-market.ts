// Demo mode's market: a small HTTP server on loopback that answers the
// mempool API routes the market client uses (and a rates route) with recorded
// replies (demo-data/README.md says which are recorded and which constructed).
// Demo mode points the client here, so trying the app never contacts the
// internet and shows the same figures every time.
import http from 'node:http';
import type net from 'node:net';
import block from './demo-data/block-837050.json' with { type: 'json' };
import difficultyAdjustment from './demo-data/difficulty-adjustment.json' with { type: 'json' };
import hashrate from './demo-data/mining-hashrate-3d.json' with { type: 'json' };
import rewardStats from './demo-data/mining-reward-stats-144.json' with { type: 'json' };
import prices from './demo-data/prices.json' with { type: 'json' };
import rates from './demo-data/rates-usd.json' with { type: 'json' };
import { PATHS } from './market.js';

export interface DemoMarket {
  /** The mempool-compatible API root, e.g. http://127.0.0.1:40123/api */
  baseUrl: string;
  /** The exchange-rate source, in the `{ base, rates }` format. */
  ratesUrl: string;
  close(): Promise<void>;
}

/** When the recorded replies were sent (the capture's date), for the UI's "demo data of" note. */
export const DEMO_MARKET_RECORDED_AT = Date.UTC(2024, 2, 31);

const API = '/api';
const RATES_PATH = '/rates/latest';

function routes(): Map<string, { type: string; body: string }> {
  const asJson = (value: unknown) => ({ type: 'application/json; charset=utf-8', body: JSON.stringify(value) });
  const asText = (value: string | number) => ({ type: 'text/plain', body: String(value) });
  return new Map([
    [API + PATHS.hashrate, asJson(hashrate)],
    [API + PATHS.tipHeight, asText(block.height)],
    [API + PATHS.tipHash, asText(block.id)],
    [API + PATHS.block(block.id), asJson(block)],
    [API + PATHS.rewardStats, asJson(rewardStats)],
    [API + PATHS.difficultyAdjustment, asJson(difficultyAdjustment)],
    [API + PATHS.prices, asJson(prices)],
    [RATES_PATH, asJson(rates)],
  ]);
}

/** Starts the server on `host` (a loopback address) and an ephemeral port. */
export async function startDemoMarket(host = '127.0.0.1'): Promise<DemoMarket> {
  const table = routes();
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const reply = req.method === 'GET' ? table.get(req.url ?? '') : undefined;
    if (reply === undefined) {
      res.writeHead(req.method === 'GET' ? 404 : 405, { 'content-type': 'text/plain' });
      res.end(req.method === 'GET' ? 'Not Found' : 'Method Not Allowed');
      return;
    }
    res.writeHead(200, { 'content-type': reply.type, 'cache-control': 'no-store' });
    res.end(reply.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    baseUrl: origin + API,
    ratesUrl: origin + RATES_PATH,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
