// Loaded into every test process and every process a test spawns (scripts/
// test.mjs puts it in NODE_OPTIONS; plain JavaScript, so it needs no loader): any TCP connection
// to an address outside 127.0.0.0/8 or ::1, and any DNS lookup of a name
// other than localhost, fails before a packet leaves, the way a machine
// without a network fails: asynchronously, with an error the caller handles.
// Each refusal is also printed, so a slip is visible in the test output.
import dns from 'node:dns';
import net from 'node:net';

function isLoopbackHost(host) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.split('.')[0] === '127';
}

function refuse(what) {
  const error = Object.assign(new Error(`test network guard: ${what} is outside loopback (127.0.0.0/8); tests may not reach it`), {
    code: 'ENETUNREACH',
  });
  process.stderr.write(`${error.message}\n`);
  return error;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = args[0];
  const options = Array.isArray(first) ? first[0] : first;
  let host;
  if (typeof options === 'object' && options !== null && !options.path) host = options.host;
  else if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) host = args[1];
  if (typeof host === 'string' && !isLoopbackHost(host)) {
    const error = refuse(`connection to ${host}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};

// An IP literal resolves without a query (a server listening on 0.0.0.0 looks
// one up); names other than localhost would ask a resolver.
const needsResolver = (hostname) => net.isIP(hostname) === 0 && !isLoopbackHost(hostname);
const originalLookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  const callback = rest[rest.length - 1];
  if (needsResolver(hostname) && typeof callback === 'function') {
    const error = refuse(`DNS lookup of ${hostname}`);
    process.nextTick(() => callback(error));
    return {};
  }
  return originalLookup(hostname, ...rest);
};
const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname, ...rest) {
  if (needsResolver(hostname)) return Promise.reject(refuse(`DNS lookup of ${hostname}`));
  return originalPromisesLookup(hostname, ...rest);
};
