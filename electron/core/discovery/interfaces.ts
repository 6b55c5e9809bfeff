// The machine's own IPv4 subnets: what "scan my network" means when the user
// types nothing.
import os from 'node:os';
import { formatIpv4, parseIpv4 } from './cidr.js';

export interface LocalSubnet {
  /** Interface name, e.g. "eth0". */
  iface: string;
  /** This machine's address on it. */
  address: string;
  /** The range to scan, e.g. "192.168.1.0/24". */
  cidr: string;
  /** The interface's own prefix length. */
  prefix: number;
  /** True when the interface's subnet was wider than /24 and only the /24 around `address` is kept. */
  clamped: boolean;
  /** A sentence for the user when something was changed or left out. */
  note?: string;
}

/** Widest subnet scanned without the user asking: 254 hosts. */
export const WIDEST_AUTO_PREFIX = 24;

type InterfaceMap = Record<string, os.NetworkInterfaceInfo[] | undefined>;

function isIpv4(info: os.NetworkInterfaceInfo): boolean {
  // Node 18.0-18.3 reported family as the number 4.
  return info.family === 'IPv4' || (info.family as unknown) === 4;
}

function prefixOf(info: os.NetworkInterfaceInfo): number | null {
  const fromCidr = info.cidr?.split('/')[1];
  if (fromCidr !== undefined && /^\d{1,2}$/.test(fromCidr)) return Number(fromCidr);
  const mask = parseIpv4(info.netmask);
  if (mask === null) return null;
  const bits = mask.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return null;
  const firstZero = bits.indexOf('0');
  return firstZero === -1 ? 32 : firstZero;
}

/**
 * The IPv4 subnets worth scanning, from an `os.networkInterfaces()` result.
 * Leaves out loopback/internal and link-local (169.254/16) addresses and
 * point-to-point /31-/32 links; narrows anything wider than /24 to the /24
 * around the machine's address (a /16 is 65,534 hosts: minutes of probing).
 */
export function subnetsFromInterfaces(interfaces: InterfaceMap): LocalSubnet[] {
  const subnets: LocalSubnet[] = [];
  const seen = new Set<string>();
  for (const [iface, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (!isIpv4(info) || info.internal) continue;
      const address = parseIpv4(info.address);
      if (address === null) continue;
      if (address >>> 24 === 127) continue;
      if (address >>> 16 === ((169 << 8) | 254)) continue;
      const prefix = prefixOf(info);
      if (prefix === null || prefix > 30) continue;
      const kept = Math.max(prefix, WIDEST_AUTO_PREFIX);
      const size = 2 ** (32 - kept);
      const network = Math.floor(address / size) * size;
      const cidr = `${formatIpv4(network)}/${kept}`;
      if (seen.has(cidr)) continue;
      seen.add(cidr);
      const clamped = kept !== prefix;
      const subnet: LocalSubnet = { iface, address: info.address, cidr, prefix, clamped };
      if (clamped) {
        subnet.note = `${iface} is on a /${prefix} network; only ${cidr}, the /24 around ${info.address}, is scanned. Type a wider range to scan more.`;
      }
      subnets.push(subnet);
    }
  }
  return subnets;
}

/** The subnets of this machine's interfaces right now. */
export function localSubnets(): LocalSubnet[] {
  return subnetsFromInterfaces(os.networkInterfaces());
}
