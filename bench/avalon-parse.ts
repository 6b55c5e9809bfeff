// What does decoding one device's poll cost? The poller builds one snapshot
// per device per poll, so this bounds how many devices one core can watch.
// 1. buildSnapshot on the A1566 captures (version, devs, pools, estats: the
//    largest real replies, 480 per-chip readings); baseline: JSON.parse of the
//    same replies' text, the unavoidable cost of receiving them.
// 2. parseMmId on the A1566 MM ID0 string repeated 1x and 16x (keys renamed
//    per copy): the tokenizer must stay linear, so the per-byte cost ratio
//    should be ~1.
// Run: node --import tsx bench/avalon-parse.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMmId } from '../electron/core/avalon/mmid.js';
import { buildSnapshot } from '../electron/core/avalon/snapshot.js';

// Relative to the same run's baseline, so a busy machine does not fail it.
const TARGET_RATIO_VS_JSON = 30;
const captures = join(fileURLToPath(new URL('..', import.meta.url)), '..', 'shared', 'captures', 'avalon');
const texts = {
  version: readFileSync(join(captures, 'a1566-version.json'), 'utf8'),
  devs: readFileSync(join(captures, 'a1566-devs.json'), 'utf8'),
  pools: readFileSync(join(captures, 'a1566-pools.json'), 'utf8'),
  estats: readFileSync(join(captures, 'a1566-estats.json'), 'utf8'),
};
const parsed = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, JSON.parse(v) as Record<string, unknown>]));

function microsPerCall(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 50; i++) fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 20; i++) fn();
    calls += 20;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (elapsed * 1000) / calls;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const runs = 5;
const snapshotUs = median(Array.from({ length: runs }, () => microsPerCall(() => buildSnapshot(parsed, 0))));
const jsonUs = median(
  Array.from({ length: runs }, () =>
    microsPerCall(() => {
      for (const t of Object.values(texts)) JSON.parse(t);
    }),
  ),
);
console.log(`buildSnapshot (A1566, 4 replies): ${snapshotUs.toFixed(1)} us; JSON.parse of the same replies: ${jsonUs.toFixed(1)} us; ratio ${(snapshotUs / jsonUs).toFixed(2)}x`);
console.log(`  -> ${Math.floor(1e6 / snapshotUs)} snapshots per second on one core (target: ratio under ${TARGET_RATIO_VS_JSON}x)`);

const mmId = ((parsed['estats']?.['STATS'] as Record<string, unknown>[])[0]?.['MM ID0'] as string) ?? '';
const big = Array.from({ length: 16 }, (_, i) => mmId.replace(/(^|\s)([A-Za-z_]+\d*)\[/g, `$1$2x${i}[`)).join(' ');
const smallUs = median(Array.from({ length: runs }, () => microsPerCall(() => parseMmId(mmId))));
const bigUs = median(Array.from({ length: runs }, () => microsPerCall(() => parseMmId(big))));
const perByteRatio = bigUs / big.length / (smallUs / mmId.length);
console.log(
  `parseMmId: ${mmId.length} chars ${smallUs.toFixed(1)} us, ${big.length} chars ${bigUs.toFixed(1)} us; per-char cost ratio ${perByteRatio.toFixed(2)} (linear = ~1)`,
);
if (snapshotUs / jsonUs > TARGET_RATIO_VS_JSON || perByteRatio > 2) {
  console.log('MISSED a target');
  process.exitCode = 1;
}
