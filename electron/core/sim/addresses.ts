// Where simulated devices listen: one loopback address each (127.0.1.1,
// 127.0.1.2, ...), or one address with consecutive ports where only
// 127.0.0.1 exists (macOS, Windows).

export class SimAddressError extends Error {
  override name = 'SimAddressError';
}

export function parseIpv4(s: string): number {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  const octets = m ? m.slice(1).map(Number) : [];
  if (octets.length !== 4 || octets.some((o) => o > 255)) throw new SimAddressError(`not an IPv4 address: "${s}"`);
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

export function isLoopback(n: number): boolean {
  return n >>> 24 === 127;
}

export interface Target {
  host: string;
  port: number;
}

export interface AllocateOptions {
  base: string;
  port: number;
  count: number;
  portStep: boolean;
  /** The simulator is meant for loopback; any other base must be allowed explicitly. */
  allowNonLoopback: boolean;
}

/**
 * Per-device addresses: the last octet increments, skipping .0 and .255,
 * and carries into the third (127.0.1.254 -> 127.0.2.1). With `portStep`,
 * every device is on `base` and the ports count up from `port` (port 0 asks
 * the system for a free port per device).
 */
export function allocateTargets(opts: AllocateOptions): Target[] {
  const { count, port } = opts;
  if (!Number.isInteger(count) || count < 1) throw new SimAddressError(`device count must be a positive integer, got ${count}`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SimAddressError(`port must be 0-65535, got ${port}`);
  const base = parseIpv4(opts.base);
  if (!isLoopback(base) && !opts.allowNonLoopback) {
    throw new SimAddressError(`base address ${opts.base} is outside 127.0.0.0/8: the simulator serves loopback addresses only`);
  }
  if (opts.portStep) {
    if (port !== 0 && port + count - 1 > 65535) throw new SimAddressError(`ports ${port}-${port + count - 1} exceed 65535`);
    return Array.from({ length: count }, (_, i) => ({ host: opts.base, port: port === 0 ? 0 : port + i }));
  }
  const lastOctet = base & 0xff;
  if (lastOctet === 0 || lastOctet === 255) throw new SimAddressError(`base address ${opts.base} must not end in .0 or .255`);
  const targets: Target[] = [];
  let addr = base;
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      addr++;
      if ((addr & 0xff) === 255) addr += 2;
    }
    if (!isLoopback(addr) && !opts.allowNonLoopback) {
      throw new SimAddressError(`${count} devices from ${opts.base} run past the end of 127.0.0.0/8`);
    }
    targets.push({ host: formatIpv4(addr), port });
  }
  return targets;
}
