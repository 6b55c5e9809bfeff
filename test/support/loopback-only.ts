// Loaded into every test process (scripts/test.mjs passes it with --import,
// and through NODE_OPTIONS to the processes tests spawn): any TCP connection
// to an address outside 127.0.0.0/8 or ::1, and any DNS lookup of a name
// other than localhost, fails at once. Tests must never reach a real network,
// and this makes a slip loud instead of a packet on someone's LAN.
import dns from 'node:dns';
import net from 'node:net';

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.split('.')[0] === '127';
}

function refuse(what: string): Error {
  return new Error(`test network guard: ${what} is outside loopback (127.0.0.0/8); tests may not reach it`);
}

type ConnectArgs = [unknown, ...unknown[]];
const originalConnect = net.Socket.prototype.connect as (...args: ConnectArgs) => net.Socket;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs): net.Socket {
  const first = args[0];
  const options = Array.isArray(first) ? (first[0] as unknown) : first;
  if (typeof options === 'object' && options !== null && !('path' in options && (options as { path?: unknown }).path)) {
    const host = (options as { host?: unknown }).host;
    if (typeof host === 'string' && !isLoopbackHost(host)) throw refuse(`connection to ${host}`);
  } else if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
    const host = args[1];
    if (typeof host === 'string' && !isLoopbackHost(host)) throw refuse(`connection to ${host}`);
  }
  return originalConnect.apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalLookup = dns.lookup;
// An IP literal resolves without a query (a server listening on 0.0.0.0 looks
// one up); names other than localhost would ask a resolver.
const needsResolver = (hostname: string): boolean => net.isIP(hostname) === 0 && !isLoopbackHost(hostname);
dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
  if (needsResolver(hostname)) throw refuse(`DNS lookup of ${hostname}`);
  return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
} as typeof dns.lookup;
const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname: string, ...rest: unknown[]) {
  if (needsResolver(hostname)) return Promise.reject(refuse(`DNS lookup of ${hostname}`));
  return (originalPromisesLookup as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest);
} as typeof dns.promises.lookup;
