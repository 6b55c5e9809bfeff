// How long does "scan my network" take? A /24 on loopback (127.0.4.0/24) with
// 10 simulated Avalons answering real version captures:
// 1. the other addresses closed (refused at once); baseline: the same scan one
//    host at a time;
// 2. plus 20 hosts that accept and never answer, each costing a full timeout;
//    baseline: one silent probe's time x 20, i.e. probing them one at a time;
// 3. worst case, every other address silent, as on a LAN where empty
//    addresses never answer ARP: default concurrency vs one wave of 256.
// Baselines are measured in the same run.
// Run: node --import tsx bench/scan.ts
import { expandTargets } from '../electron/core/discovery/cidr.js';
import { DEFAULT_SCAN_TIMEOUT_MS, scan } from '../electron/core/discovery/scanner.js';
import type { Identify } from '../electron/core/discovery/scanner.js';
import { capture, replyAndClose, silent, startFleet } from '../test/core/support/loopback-server.js';
import type { OnRequest } from '../test/core/support/loopback-server.js';

const TARGET_MS = 2000;
const RUNS = 3;

const identify: Identify = (reply) => {
  const version = (reply.VERSION as Record<string, unknown>[] | undefined)?.[0];
  return typeof version?.PROD === 'string' && /avalon/i.test(version.PROD) ? { modelId: String(version.MODEL) } : null;
};

const versions = [capture('a1566-version.json'), capture('avalonq_version.json')];
const avalons = Array.from({ length: 10 }, (_, i) => ({
  host: `127.0.4.${10 + i * 20}`,
  onRequest: replyAndClose(versions[i % 2] as string) as OnRequest,
}));
const silents = Array.from({ length: 20 }, (_, i) => ({ host: `127.0.4.${15 + i * 10}`, onRequest: silent }));

const allSilent = Array.from({ length: 254 }, (_, i) => `127.0.4.${i + 1}`)
  .filter((host) => !avalons.some((a) => a.host === host))
  .map((host) => ({ host, onRequest: silent }));

async function timeScan(port: number, concurrency?: number): Promise<{ ms: number; found: number }> {
  const targets = expandTargets([`127.0.4.0/24:${port}`]);
  const start = performance.now();
  const hits = await scan(targets, { identify, ...(concurrency === undefined ? {} : { concurrency }) });
  return { ms: performance.now() - start, found: hits.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
let missed = false;

// 1. Avalons and closed ports only.
{
  const fleet = await startFleet(avalons);
  try {
    await timeScan(fleet.port); // warm-up
    const runs: number[] = [];
    let found = 0;
    for (let r = 0; r < RUNS; r++) {
      const result = await timeScan(fleet.port);
      runs.push(result.ms);
      found = result.found;
    }
    const sequential = await timeScan(fleet.port, 1);
    const ms = median(runs);
    const ok = ms < TARGET_MS && found === 10;
    missed ||= !ok;
    console.log(
      `scan /24 (10 Avalons, 244 closed): ${fmt(ms)} median of ${RUNS} (target < 2 s) ${ok ? 'OK' : 'MISSED'}; found ${found}/10; ` +
        `baseline one at a time ${fmt(sequential.ms)}, ratio ${(sequential.ms / ms).toFixed(1)}x ` +
        '(refused connects on loopback cost only CPU, so parallel probing cannot gain here)',
    );
  } finally {
    await fleet.close();
  }
}

// 2. The same plus 20 hosts that never answer: each costs a full timeout.
{
  const fleet = await startFleet([...avalons, ...silents]);
  try {
    const result = await timeScan(fleet.port);
    const oneSilentStart = performance.now();
    await scan([{ host: silents[0]?.host as string, port: fleet.port }], { identify });
    const oneSilent = performance.now() - oneSilentStart;
    const baseline = oneSilent * silents.length;
    const ok = result.ms < TARGET_MS && result.found === 10;
    missed ||= !ok;
    console.log(
      `scan /24 (10 Avalons, 20 silent hosts, ${DEFAULT_SCAN_TIMEOUT_MS} ms timeout): ${fmt(result.ms)} (target < 2 s) ${ok ? 'OK' : 'MISSED'}; ` +
        `found ${result.found}/10; baseline 20 x one silent probe (${fmt(oneSilent)}) = ${fmt(baseline)}, ${(baseline / result.ms).toFixed(1)}x faster`,
    );
  } finally {
    await fleet.close();
  }
}

// 3. Worst case: no target, the figures say what the defaults cost.
{
  const fleet = await startFleet([...avalons, ...allSilent]);
  try {
    const byDefault = await timeScan(fleet.port);
    const oneWave = await timeScan(fleet.port, 256);
    console.log(
      `scan /24 (10 Avalons, 244 silent, ${DEFAULT_SCAN_TIMEOUT_MS} ms timeout): ${fmt(byDefault.ms)} at the default concurrency ` +
        `(${Math.ceil(244 / 64)} waves), ${fmt(oneWave.ms)} at concurrency 256 (one wave); found ${byDefault.found}/10 and ${oneWave.found}/10`,
    );
  } finally {
    await fleet.close();
  }
}

if (missed) process.exitCode = 1;
