// `hearth scan <range>...`: find Avalons on the network, the same probe the
// app's discovery uses.
import { identifyAvalon } from '../core/avalon/identify.js';
import { expandTargets, TargetSyntaxError, type ScanTarget } from '../core/discovery/cidr.js';
import { localSubnets } from '../core/discovery/interfaces.js';
import { DEFAULT_SCAN_CONCURRENCY, DEFAULT_SCAN_TIMEOUT_MS, scan, type ScanHit } from '../core/discovery/scanner.js';
import { intOption, parseCommandLine } from './args.js';
import { EXIT_NOTHING_FOUND, EXIT_OK, UsageError } from './errors.js';
import type { Io } from './io.js';

export const SCAN_HELP = `Usage: hearth scan [<cidr|range|host[:port]>...] [--json] [--timeout ms] [--concurrency n]

Finds AvalonMiners: sends "version" to port 4028 (or the port given) of every
address and lists those that identify as Avalons. With no target, scans this
machine's own IPv4 subnets (/24 at most each).
  e.g. hearth scan 192.168.1.0/24   hearth scan 192.168.1.10-40 10.0.0.7:4029
  --json            the devices found as a JSON array
  --timeout ms      budget per address (default ${DEFAULT_SCAN_TIMEOUT_MS})
  --concurrency n   addresses probed at once (default ${DEFAULT_SCAN_CONCURRENCY})
Exit status 3 when nothing is found.`;

export async function scanCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    concurrency: { type: 'string' },
  });
  const timeoutMs = intOption('timeout', values.timeout, 1, 60_000) ?? DEFAULT_SCAN_TIMEOUT_MS;
  const concurrency = intOption('concurrency', values.concurrency, 1, 1024) ?? DEFAULT_SCAN_CONCURRENCY;
  let entries = positionals;
  if (entries.length === 0) {
    entries = localSubnets().map((s) => s.cidr);
    if (entries.length === 0) throw new UsageError('this machine has no IPv4 network to scan; give a range such as 192.168.1.0/24');
    io.err(`hearth: scanning ${entries.join(', ')}`);
  }
  let targets: ScanTarget[];
  try {
    targets = expandTargets(entries);
  } catch (err) {
    if (err instanceof TargetSyntaxError) throw new UsageError(err.message);
    throw err;
  }
  const hits = await scan(targets, { identify: identifyAvalon, timeoutMs, concurrency });
  if (values.json) io.out(JSON.stringify(hits.map(stableHit), null, 2));
  else for (const hit of hits) io.out(formatHit(hit));
  io.err(`hearth: ${targets.length} address${targets.length === 1 ? '' : 'es'} probed, ${hits.length} Avalon${hits.length === 1 ? '' : 's'} found`);
  return hits.length > 0 ? EXIT_OK : EXIT_NOTHING_FOUND;
}

/** Fixed key order, absent fields omitted: the documented --json shape. */
function stableHit(h: ScanHit): ScanHit {
  return {
    host: h.host,
    port: h.port,
    modelId: h.modelId,
    ...(h.product === undefined ? {} : { product: h.product }),
    ...(h.firmware === undefined ? {} : { firmware: h.firmware }),
    ...(h.mac === undefined ? {} : { mac: h.mac }),
  };
}

function formatHit(h: ScanHit): string {
  return [`${h.host}:${h.port}`.padEnd(22), (h.product ?? h.modelId).padEnd(24), h.firmware ?? '', h.mac ?? ''].join('  ').trimEnd();
}
