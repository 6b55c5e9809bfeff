// Pool addresses as users type them: "stratum+tcp://host:port" or "host:port".
// TLS ("stratum+ssl://", "stratum+tls://") is refused with a clear message for
// now: see docs/stratum.md.
import { StratumError } from './errors.js';

export interface PoolEndpoint {
  host: string;
  port: number;
}

const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6_RE = /^[0-9A-Fa-f:.]+$/;

export function parsePoolUrl(url: string): PoolEndpoint {
  const text = url.trim();
  const bad = (why: string): StratumError => new StratumError('config', `pool URL ${JSON.stringify(url)}: ${why}`);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme !== null) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name === 'stratum+ssl' || name === 'stratum+tls') throw bad('TLS pools are not supported yet; use the pool\'s stratum+tcp:// address');
    if (name !== 'stratum+tcp' && name !== 'stratum') throw bad(`unsupported scheme "${name}://"; use stratum+tcp://host:port`);
  }
  const rest = scheme === null ? text : text.slice(scheme[0].length);
  const m = /^(?:\[([^\]]+)\]|([^:/[\]]+)):(\d{1,5})\/?$/.exec(rest);
  if (m === null) throw bad('expected host:port (for example stratum+tcp://pool.example.com:3333)');
  const host = m[1] ?? m[2] ?? '';
  const port = Number(m[3]);
  if (m[1] !== undefined ? !IPV6_RE.test(host) : !HOST_RE.test(host) || host.length > 253) throw bad(`invalid host "${host}"`);
  if (port < 1 || port > 65535) throw bad(`port ${port} outside 1..65535`);
  return { host, port };
}

export function formatEndpoint(e: PoolEndpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}
