// Bundles that are corrupt, truncated, oversized or crafted are refused with
// a clear, typed error, and nothing is written anywhere.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { BundleError, type BundleErrorKind } from '../../../../electron/core/diagnostics/bundle/errors.js';
import { openSupportBundle, openSupportBundleFile } from '../../../../electron/core/diagnostics/bundle/read.js';
import { buildSupportBundle } from '../../../../electron/core/diagnostics/bundle/write.js';
import { DEFAULT_ZIP_LIMITS, checkEntryName } from '../../../../electron/core/diagnostics/bundle/zip-reader.js';
import { buildHealthReport } from '../../../../electron/core/diagnostics/report.js';
import { a1566Snapshot } from '../helpers.js';

let work: string;
let valid: Uint8Array;

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'hearth-hostile-'));
  await mkdir(path.join(work, 'inbox'));
  const snapshot = a1566Snapshot();
  valid = buildSupportBundle({
    createdAt: 1,
    appVersion: '0.1.0',
    host: { platform: 'linux', release: '6', arch: 'x64', node: 'v20' },
    deviceId: '192.0.2.10:4028',
    report: buildHealthReport({ deviceId: '192.0.2.10:4028', generatedAt: 1, snapshot }),
    snapshot,
  }).bytes;
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

function refused(bytes: Uint8Array, kind: BundleErrorKind, message: RegExp, limits = DEFAULT_ZIP_LIMITS): void {
  assert.throws(
    () => openSupportBundle(bytes, limits),
    (e: unknown) => {
      assert.ok(e instanceof BundleError, `a BundleError, got ${String(e)}`);
      assert.equal(e.kind, kind, e.message);
      assert.match(e.message, message);
      return true;
    },
  );
}

/** Offsets of the central directory records (signature PK\x01\x02). */
function centralRecords(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes);
  const out: number[] = [];
  for (let i = buf.indexOf('PK\x01\x02'); i >= 0; i = buf.indexOf('PK\x01\x02', i + 4)) out.push(i);
  return out;
}

test('the valid bundle opens (the baseline for every refusal below)', () => {
  const opened = openSupportBundle(valid);
  assert.equal(opened.manifest.device.modelId, 'a1566');
});

test('garbage is "not a zip"; a cut-off download is "truncated"', () => {
  refused(Buffer.from('this is a text file, not a bundle at all, believe me'), 'corrupt', /not a zip/);
  refused(valid.subarray(0, Math.floor(valid.length / 2)), 'truncated', /ends early/);
  refused(valid.subarray(0, 10), 'truncated', /too short/);
});

test('flipped bytes inside compressed data fail the CRC or the inflater', () => {
  const damaged = Buffer.from(valid);
  const mid = Math.floor(valid.length / 3);
  for (let i = mid; i < mid + 16; i++) damaged[i] = (damaged[i] ?? 0) ^ 0x5a;
  assert.throws(() => openSupportBundle(damaged), (e: unknown) => e instanceof BundleError && ['checksum', 'corrupt', 'zip-bomb'].includes(e.kind));
});

test('a file edited after export fails its manifest checksum', () => {
  const files = unzipSync(valid);
  files['device/snapshot.json'] = Buffer.from(Buffer.from(files['device/snapshot.json'] ?? new Uint8Array()).toString('utf8').replace('"a1566"', '"a1466"'));
  refused(zipSync(files), 'checksum', /device\/snapshot\.json does not match the checksum/);
});

test('a zip without a manifest, or with a file the manifest does not list, is not a bundle', () => {
  refused(zipSync({ 'notes.txt': Buffer.from('hi') }), 'invalid-content', /no manifest\.json/);
  const files = unzipSync(valid);
  refused(zipSync({ ...files, 'device/extra.json': Buffer.from('{}') }), 'invalid-content', /not in the manifest/);
});

test('zip slip, absolute, drive-letter and backslash names are refused', () => {
  const data = Buffer.from('x');
  refused(zipSync({ '../evil.txt': data }), 'unsafe-path', /"\.\." or "\." segment/);
  refused(zipSync({ 'device/../../evil.txt': data }), 'unsafe-path', /segment/);
  refused(zipSync({ '/etc/cron.d/evil': data }), 'unsafe-path', /absolute path/);
  refused(zipSync({ 'C:/Windows/evil.dll': data }), 'unsafe-path', /drive-letter/);
  refused(zipSync({ 'device\\..\\evil': data }), 'unsafe-path', /backslash/);
  for (const ok of ['manifest.json', 'device/raw/version.txt', 'device/logs/mm_sys_log.log']) assert.doesNotThrow(() => checkEntryName(ok));
});

test('symbolic links and special files are refused', () => {
  const link: Zippable = { 'device/snapshot.json': [Buffer.from('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] };
  refused(zipSync(link), 'not-a-file', /symbolic link/);
  const fifo: Zippable = { 'device/fifo': [Buffer.from(''), { os: 3, attrs: (0o010644 << 16) >>> 0 }] };
  refused(zipSync(fifo), 'not-a-file', /special file/);
});

test('a zip bomb: a huge inflation ratio, an entry over the size cap, too many entries', () => {
  const zeros = Buffer.alloc(16 * 1024 * 1024);
  refused(zipSync({ 'app/logs.jsonl': zeros }, { level: 9 }), 'zip-bomb', /would inflate \d+ times; the limit is 500/);
  const smallLimits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 1024 * 1024 };
  refused(zipSync({ 'app/logs.jsonl': Buffer.alloc(2 * 1024 * 1024, 'a') }, { level: 1 }), 'zip-bomb', /inflates to 2097152 bytes; the limit is 1048576/, smallLimits);
  const many: Zippable = {};
  for (let i = 0; i < 300; i++) many[`device/logs/entry${i}.log`] = Buffer.from('x');
  refused(zipSync(many), 'zip-bomb', /300 entries; a bundle has at most 256/);
});

test('an entry that lies about its size is stopped by the inflater at the declared size', () => {
  const honest = Buffer.from(zipSync({ 'app/logs.jsonl': Buffer.alloc(512 * 1024, 'a') }, { level: 9 }));
  const lie = 1000;
  const [central] = centralRecords(honest);
  assert.ok(central !== undefined);
  honest.writeUInt32LE(lie, central + 24);
  honest.writeUInt32LE(lie, 22); // the local header's copy (the only entry starts at 0)
  refused(honest, 'zip-bomb', /inflates beyond its declared 1000 bytes/);
});

test('encrypted entries and unknown compression methods are unsupported', () => {
  const enc = Buffer.from(zipSync({ 'manifest.json': Buffer.from('{}') }));
  const [c] = centralRecords(enc);
  assert.ok(c !== undefined);
  enc.writeUInt16LE(enc.readUInt16LE(c + 8) | 1, c + 8);
  refused(enc, 'unsupported', /encrypted/);
  const bz = Buffer.from(zipSync({ 'manifest.json': Buffer.from('{}') }));
  const [d] = centralRecords(bz);
  assert.ok(d !== undefined);
  bz.writeUInt16LE(12, d + 10);
  refused(bz, 'unsupported', /compression method 12/);
});

test('an oversized file is refused from its size alone; nothing is written next to it or anywhere it names', async () => {
  const inbox = path.join(work, 'inbox');
  const big = path.join(inbox, 'big.zip');
  await writeFile(big, '');
  await truncate(big, DEFAULT_ZIP_LIMITS.maxArchiveBytes + 1);
  await assert.rejects(openSupportBundleFile(big), (e: unknown) => e instanceof BundleError && e.kind === 'too-large');
  const slip = path.join(inbox, 'slip.zip');
  await writeFile(slip, zipSync({ '../escaped.txt': Buffer.from('owned'), 'manifest.json': Buffer.from('{}') }));
  await assert.rejects(openSupportBundleFile(slip), (e: unknown) => e instanceof BundleError && e.kind === 'unsafe-path');
  const bomb = path.join(inbox, 'bomb.zip');
  await writeFile(bomb, zipSync({ 'app/logs.jsonl': Buffer.alloc(8 * 1024 * 1024) }, { level: 9 }));
  await assert.rejects(openSupportBundleFile(bomb), (e: unknown) => e instanceof BundleError && e.kind === 'zip-bomb');
  await assert.rejects(openSupportBundleFile(path.join(inbox, 'missing.zip')), (e: unknown) => e instanceof BundleError && e.kind === 'io');
  await assert.rejects(openSupportBundleFile(inbox), (e: unknown) => e instanceof BundleError && e.kind === 'io');
  assert.deepEqual((await readdir(inbox)).sort(), ['big.zip', 'bomb.zip', 'slip.zip']);
  assert.deepEqual((await readdir(work)).sort(), ['inbox']);
  await assert.rejects(stat(path.join(work, 'escaped.txt')), { code: 'ENOENT' });
});
