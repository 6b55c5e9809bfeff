// A device address as the user types it ("10.0.0.5", "10.0.0.5:4029",
// "miner.lan", "[fe80::1]:4028") turned into one canonical form, so that the
// same device can never be saved twice under two spellings.
import { isIP } from 'node:net';

/** cgminer's default API port (API-README; avalon-protocol.md 1.1). */
export const DEFAULT_API_PORT = 4028;

export interface DeviceAddress {
  host: string;
  port: number;
  /** "host:port", with IPv6 hosts in brackets. */
  id: string;
}

export class AddressError extends Error {
  override readonly name = 'AddressError';
}

const HOSTNAME_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Parses `host`, `host:port`, `[v6]` or `[v6]:port`. A port given in the text
 * must agree with `port` when both are present.
 */
export function parseDeviceAddress(text: string, port?: number): DeviceAddress {
  const input = text.trim();
  let host = input;
  let textPort: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(input);
  if (bracketed) {
    host = bracketed[1] ?? '';
    textPort = bracketed[2];
  } else if (input.split(':').length === 2) {
    [host = '', textPort] = input.split(':');
  }
  let finalPort = port ?? DEFAULT_API_PORT;
  if (textPort !== undefined) {
    const p = Number(textPort);
    if (!/^\d{1,5}$/.test(textPort) || p < 1 || p > 65535) throw new AddressError(`invalid port "${textPort}" in "${input}"`);
    if (port !== undefined && port !== p) throw new AddressError(`"${input}" names port ${p} but port ${port} was given`);
    finalPort = p;
  }
  if (!Number.isInteger(finalPort) || finalPort < 1 || finalPort > 65535) {
    throw new AddressError(`invalid port ${finalPort}: must be from 1 to 65535`);
  }
  const canonical = canonicalHost(host);
  if (canonical === undefined) throw new AddressError(`"${input}" is not an IP address or host name`);
  return { host: canonical, port: finalPort, id: deviceId(canonical, finalPort) };
}

export function deviceId(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** "0:0::1" and "::1" are one address; the URL parser writes the shortest form. */
function canonicalIpv6(host: string): string {
  try {
    return new URL(`http://[${host}]/`).hostname.slice(1, -1);
  } catch {
    // Zone ids ("fe80::1%eth0") are not valid in URLs; keep them as typed.
    return host;
  }
}

function canonicalHost(raw: string): string | undefined {
  const host = raw.toLowerCase().replace(/\.$/, '');
  const family = isIP(host);
  if (family === 4) {
    // "010.1.1.1" is not accepted by isIP, so each part is already canonical.
    return host;
  }
  if (family === 6) return canonicalIpv6(host);
  if (host.length === 0 || host.length > 253) return undefined;
  const labels = host.split('.');
  // A dotted all-numeric name that isIP rejected ("10.0.0.256") is a typo, not a host name.
  if (labels.every((l) => /^\d+$/.test(l))) return undefined;
  return labels.every((l) => HOSTNAME_LABEL.test(l)) ? host : undefined;
}
