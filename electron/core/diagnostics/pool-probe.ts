// A pool reachability test from Hearth's side: TCP connect, one
// mining.subscribe, measure, close. It never sends mining.authorize: a
// subscribe answer already proves the address speaks Stratum, and
// authorizing would need the worker's password (which Hearth does not hold
// for a device's pools) and would open a session in the user's name.
import net from 'node:net';
import type { PoolProbe } from '../../contract/diagnostics.js';
import { StratumError } from '../stratum/errors.js';
import { LineDecoder } from '../stratum/framing.js';
import { parsePoolLine, parseSubscribeResult } from '../stratum/messages.js';
import { parsePoolUrl } from '../stratum/url.js';
import { transportErrorFromErrno } from '../transports/tcp.js';
import { round } from './check-helpers.js';

export interface PoolProbeOptions {
  /** Budget for connect + subscribe together; default 5000 ms. */
  timeoutMs?: number;
  userAgent?: string;
  /** Longest line accepted from the pool; default 16 KiB (a subscribe answer is under 200 bytes). */
  maxLineBytes?: number;
  signal?: AbortSignal;
}

const SUBSCRIBE_ID = 1;

export async function probePool(index: number, url: string, opts: PoolProbeOptions = {}): Promise<PoolProbe> {
  const fail = (err: StratumError, extra: Partial<PoolProbe> = {}): PoolProbe => ({
    index,
    url,
    reachable: false,
    ...extra,
    error: { kind: err.kind, message: err.message },
  });
  let endpoint;
  try {
    endpoint = parsePoolUrl(url);
  } catch (e) {
    if (e instanceof StratumError) return fail(e);
    throw e;
  }
  const where = `${endpoint.host}:${endpoint.port}`;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const decoder = new LineDecoder(opts.maxLineBytes ?? 16 * 1024, `pool ${where}`);
  const started = performance.now();

  return new Promise<PoolProbe>((resolve) => {
    let connectMs: number | undefined;
    let sentAt = 0;
    let settled = false;
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const finish = (result: PoolProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const measured = (): Partial<PoolProbe> => (connectMs === undefined ? {} : { connectMs });
    const timer = setTimeout(() => {
      const what = connectMs === undefined ? 'no connection' : 'no answer to mining.subscribe';
      finish(fail(new StratumError('timeout', `${where}: ${what} within ${timeoutMs} ms`), measured()));
    }, timeoutMs);
    const onAbort = (): void => finish(fail(new StratumError('closed', `${where}: probe cancelled`), measured()));
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    socket.setNoDelay(true);
    socket.once('connect', () => {
      connectMs = round(performance.now() - started);
      sentAt = performance.now();
      socket.write(`${JSON.stringify({ id: SUBSCRIBE_ID, method: 'mining.subscribe', params: [opts.userAgent ?? 'Hearth'] })}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const line of decoder.push(chunk)) {
          const msg = parsePoolLine(line);
          // Pools may send set_difficulty or notify before the answer; only our reply counts.
          if (msg.type !== 'response' || String(msg.id) !== String(SUBSCRIBE_ID)) continue;
          const subscribeMs = round(performance.now() - sentAt);
          if (msg.error !== null) {
            const err = new StratumError('refused-by-pool', `${where} refused mining.subscribe: ${msg.error.message}`);
            // It answered: the pool is reachable, but will not serve us.
            finish({ ...fail(err, { ...measured(), subscribeMs }), reachable: true });
            return;
          }
          parseSubscribeResult(msg.result);
          finish({ index, url, reachable: true, ...measured(), subscribeMs });
          return;
        }
      } catch (e) {
        const err = e instanceof StratumError ? e : new StratumError('protocol', `${where}: ${String(e)}`);
        finish(fail(err, measured()));
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const t = transportErrorFromErrno(e, where);
      finish(fail(new StratumError(t.kind === 'too-large' ? 'protocol' : t.kind, t.message), measured()));
    });
    socket.once('close', () => finish(fail(new StratumError('closed', `${where}: the pool closed the connection before answering`), measured())));
  });
}
