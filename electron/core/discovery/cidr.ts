// Scan targets as users type them: `192.168.1.0/24`, `192.168.1.7`,
// `192.168.1.7:4029`, `192.168.1.10-20`, `192.168.1.10-192.168.2.5`, or a
// host name. Pure: parsing and expansion only, no DNS.

export interface ScanTarget {
  host: string;
  port: number;
}

/** The CGMiner API port (cgminer `opt_api_port`; avalon-protocol.md 1.1). */
export const DEFAULT_API_PORT = 4028;
/** A /16: larger ranges are refused rather than scanned for minutes. */
export const MAX_SCAN_HOSTS = 65_536;

export class TargetSyntaxError extends Error {
  override readonly name = 'TargetSyntaxError';
  /** The entry as the user typed it. */
  readonly input: string;

  constructor(input: string, reason: string) {
    super(`"${input}": ${reason}`);
    this.input = input;
  }
}

/** One parsed entry: an inclusive range of IPv4 addresses (as integers) or a named host. */
export type TargetSpec =
  | { kind: 'range'; first: number; last: number; port: number; text: string }
  | { kind: 'name'; host: string; port: number; text: string };

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Parses dotted-quad IPv4 to an unsigned integer; null when it is not one. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    // No leading zeros: "010" means octal to some tools and decimal to others.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

function parsePort(input: string, text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new TargetSyntaxError(input, `port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new TargetSyntaxError(input, `port ${port} is outside 1-65535`);
  return port;
}

function requireIpv4(input: string, text: string): number {
  const value = parseIpv4(text);
  if (value === null) throw new TargetSyntaxError(input, `"${text}" is not an IPv4 address`);
  return value;
}

function checkSize(input: string, count: number): void {
  if (count > MAX_SCAN_HOSTS) {
    throw new TargetSyntaxError(input, `${count} addresses is too many; the largest range scanned is a /16 (${MAX_SCAN_HOSTS})`);
  }
}

/** Parses one entry. Throws TargetSyntaxError with a reason the user can act on. */
export function parseTarget(entry: string, defaultPort = DEFAULT_API_PORT): TargetSpec {
  const input = entry;
  const text = entry.trim();
  if (text === '') throw new TargetSyntaxError(input, 'empty target');
  if (text.length > 100) throw new TargetSyntaxError(input, 'too long');

  // A trailing ":port" applies to every form.
  let body = text;
  let port = defaultPort;
  const colon = text.lastIndexOf(':');
  if (colon !== -1) {
    if (text.indexOf(':') !== colon) throw new TargetSyntaxError(input, 'IPv6 is not supported; use an IPv4 address');
    body = text.slice(0, colon);
    port = parsePort(input, text.slice(colon + 1));
  }

  const slash = body.indexOf('/');
  if (slash !== -1) {
    const base = requireIpv4(input, body.slice(0, slash));
    const prefixText = body.slice(slash + 1);
    if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
      throw new TargetSyntaxError(input, `prefix "/${prefixText}" must be a number from 0 to 32`);
    }
    const prefix = Number(prefixText);
    const size = 2 ** (32 - prefix);
    checkSize(input, size);
    // Host bits set (192.168.1.7/24) are taken to mean the network around that host.
    const network = Math.floor(base / size) * size;
    let first = network;
    let last = network + size - 1;
    // Network and broadcast addresses hold no hosts, except in /31 and /32 (RFC 3021).
    if (prefix <= 30) {
      first += 1;
      last -= 1;
    }
    return { kind: 'range', first, last, port, text };
  }

  const dash = body.indexOf('-');
  if (dash !== -1 && /^[\d.]+-[\d.]+$/.test(body)) {
    const startText = body.slice(0, dash);
    const endText = body.slice(dash + 1);
    const first = requireIpv4(input, startText);
    let last: number;
    if (/^\d{1,3}$/.test(endText)) {
      // "192.168.1.10-20": the end replaces the last octet.
      const octet = Number(endText);
      if (octet > 255) throw new TargetSyntaxError(input, `range end ${octet} is not an octet (0-255)`);
      last = first - (first % 256) + octet;
    } else {
      last = requireIpv4(input, endText);
    }
    if (last < first) throw new TargetSyntaxError(input, 'range ends before it starts');
    checkSize(input, last - first + 1);
    return { kind: 'range', first, last, port, text };
  }

  if (/^[\d.]+$/.test(body)) {
    const value = requireIpv4(input, body);
    return { kind: 'range', first: value, last: value, port, text };
  }
  if (HOSTNAME.test(body)) return { kind: 'name', host: body.toLowerCase(), port, text };
  throw new TargetSyntaxError(input, 'expected an IPv4 address, a CIDR range like 192.168.1.0/24, a range like 192.168.1.10-20, or a host name');
}

/** Number of addresses an entry stands for. */
export function specSize(spec: TargetSpec): number {
  return spec.kind === 'range' ? spec.last - spec.first + 1 : 1;
}

/**
 * Parses every entry and expands them to host:port pairs in order, without
 * duplicates. The total is capped at `maxHosts` (default a /16).
 */
export function expandTargets(
  entries: readonly string[],
  opts: { defaultPort?: number; maxHosts?: number } = {},
): ScanTarget[] {
  const maxHosts = opts.maxHosts ?? MAX_SCAN_HOSTS;
  const specs = entries.map((e) => parseTarget(e, opts.defaultPort ?? DEFAULT_API_PORT));
  const total = specs.reduce((sum, s) => sum + specSize(s), 0);
  if (total > maxHosts) {
    throw new TargetSyntaxError(entries.join(', '), `${total} addresses in all; at most ${maxHosts} can be scanned at once`);
  }
  const seen = new Set<string>();
  const targets: ScanTarget[] = [];
  const add = (host: string, port: number): void => {
    const key = `${host}:${port}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ host, port });
  };
  for (const spec of specs) {
    if (spec.kind === 'name') add(spec.host, spec.port);
    else for (let a = spec.first; a <= spec.last; a++) add(formatIpv4(a), spec.port);
  }
  return targets;
}
