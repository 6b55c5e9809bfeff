// Export a support bundle from simulated devices (127.0.51.x), open it
// again, and see the same decoded values; no planted secret appears anywhere
// in the bundle's bytes, raw or inflated.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync } from 'fflate';
import type { Sample } from '../../../../electron/contract/fleet.js';
import { buildSnapshot } from '../../../../electron/core/avalon/snapshot.js';
import { parseLenientJson } from '../../../../electron/core/cgminer-api/lenient-json.js';
import { exportSupportBundle, secretsInReplies } from '../../../../electron/core/diagnostics/bundle/export.js';
import { openSupportBundle, openSupportBundleFile } from '../../../../electron/core/diagnostics/bundle/read.js';
import { sha256 } from '../../../../electron/core/diagnostics/bundle/write.js';
import { JsonlLogger } from '../../../../electron/core/diagnostics/logging/logger.js';
import { startSim, type SimHarness } from '../helpers.js';
import { startUsrdataServer, type UsrdataServer } from './usrdata-server.js';

const POOL_SECRETS = ['Planted-Pool-Pw-0-Zq9', 'Planted-Pool-Pw-1-Xk4', 'Planted-Pool-Pw-2-Wm7'];
const WEB_PASSWORD = 'Planted-Web-Pw-77';
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const ALL_SECRETS = [...POOL_SECRETS, WEB_PASSWORD, WALLET];

let h: SimHarness;
let web: UsrdataServer;
let logDir: string;

before(async () => {
  h = await startSim('127.0.51.1', ['avalon-q', 'nano3s']);
  // The Avalon Q reports each pool's password in clear in `pools`; the Nano 3S's workers are wallets.
  for (const device of h.sim.devices) {
    device.pools.forEach((pool, i) => {
      pool.password = POOL_SECRETS[i] ?? 'unused';
      pool.user = `${WALLET}.rig${i}`;
    });
  }
  const nano = h.sim.targets[1];
  assert.ok(nano !== undefined);
  web = await startUsrdataServer(nano.host, WEB_PASSWORD, {
    mm_sys_log: `boot ok\napi: setpool|admin,${WEB_PASSWORD},0,stratum+tcp://pool.example.com:3333,${WALLET}.rig0,${POOL_SECRETS[0]}\n`,
    cg_op_log: `user changed web password to ${WEB_PASSWORD}\npool 2 pass ${POOL_SECRETS[2]}\n`,
  });
  logDir = await mkdtemp(path.join(os.tmpdir(), 'hearth-bundle-logs-'));
  const logger = new JsonlLogger({ dir: logDir, now: () => h.clock.t });
  logger.info('fleet', 'poll ok', { host: nano.host });
  await logger.flush();
  // An older line written before redaction existed: the bundle must still scrub the known secret.
  await writeFile(path.join(logDir, 'hearth.1.log'), `${JSON.stringify({ t: 1, level: 'warn', scope: 'pools', msg: `old line with ${POOL_SECRETS[1]}` })}\n`);
  h.advance(60_000);
});

after(async () => {
  await web.close();
  await h.sim.close();
  await rm(logDir, { recursive: true, force: true });
});

const HISTORY: Sample[] = [
  { t: 1, ghs: 6500, tempMaxC: 88, powerW: 133, fanRpm: 1500 },
  { t: 2, ghs: 6600, tempMaxC: 89, powerW: 134, fanRpm: 1510 },
];

function assertNoSecrets(bytes: Uint8Array, what: string): void {
  const buf = Buffer.from(bytes);
  for (const secret of ALL_SECRETS) assert.equal(buf.indexOf(secret), -1, `${secret} found in ${what}`);
}

async function exportFrom(index: number, webPassword?: string): Promise<Awaited<ReturnType<typeof exportSupportBundle>>> {
  const target = h.sim.targets[index];
  assert.ok(target !== undefined);
  return exportSupportBundle({
    target,
    appVersion: '0.1.0-test',
    now: () => h.clock.t,
    history: HISTORY,
    events: [{ t: 5, kind: 'device-online', device: `${target.host}:4028` }],
    auditLog: [{ t: 6, action: 'setpool', parameter: `admin,${WEB_PASSWORD},0,url,w,${POOL_SECRETS[0]}` }],
    logDir,
    knownSecrets: POOL_SECRETS,
    ...(webPassword === undefined ? {} : { webPassword, webPort: web.port }),
    health: { probePools: false, timeoutMs: 2000 },
  });
}

test('Avalon Q: no planted pool password or wallet appears in the zip bytes or any inflated entry', async () => {
  const exported = await exportFrom(0);
  assertNoSecrets(exported.bytes, 'the raw zip');
  const entries = unzipSync(exported.bytes);
  assert.ok(Object.keys(entries).length >= 10);
  for (const [name, bytes] of Object.entries(entries)) assertNoSecrets(bytes, name);
  // The raw pools reply is in the bundle, with the passwords cut out and the wallets shortened.
  const pools = Buffer.from(entries['device/raw/pools.txt'] ?? new Uint8Array()).toString('utf8');
  assert.match(pools, /"Password":"\[redacted\]"/);
  assert.match(pools, /bc1qar…5mdq\.rig0/);
});

test('Avalon Q: opening the bundle gives back the same decoded values', async () => {
  const exported = await exportFrom(0);
  const opened = openSupportBundle(exported.bytes);
  assert.deepEqual(opened.report, exported.report);
  assert.equal(opened.manifest.appVersion, '0.1.0-test');
  assert.equal(opened.manifest.device.modelId, 'avalon-q');
  assert.equal(opened.manifest.os.platform, os.platform());
  assert.deepEqual(opened.manifest.redaction, { secrets: true, walletWorkers: true });
  assert.deepEqual(opened.history, HISTORY);
  assert.deepEqual(opened.events, [{ t: 5, kind: 'device-online', device: `${h.sim.targets[0]?.host}:4028` }]);
  assert.deepEqual(opened.auditLog, [{ t: 6, action: 'setpool', parameter: '[redacted]' }]);
  assert.deepEqual(opened.appLogs.map((e) => e.msg), ['old line with [redacted]', 'poll ok']);
  // Every listed file's checksum is the SHA-256 of its bytes.
  const entries = unzipSync(exported.bytes);
  for (const f of opened.manifest.files) assert.equal(sha256(entries[f.path] ?? new Uint8Array()), f.sha256, f.path);
  // The snapshot and the raw replies agree: rebuilding from the bundle's raw text gives the same modules and summary.
  const snap = opened.snapshot;
  assert.ok(snap !== undefined);
  const reparsed = (cmd: string): Record<string, unknown> => parseLenientJson(opened.rawReplies[cmd] ?? '') as Record<string, unknown>;
  const rebuilt = buildSnapshot({ version: reparsed('version'), summary: reparsed('summary'), pools: reparsed('pools'), devs: reparsed('devs'), estats: reparsed('estats'), stats: reparsed('stats') }, snap.takenAt);
  assert.deepEqual(rebuilt.modules, snap.modules);
  assert.deepEqual(rebuilt.summary, snap.summary);
  assert.deepEqual(rebuilt.identity, snap.identity);
  assert.equal(snap.pools[0]?.user, 'bc1qar…5mdq.rig0');
  assert.ok(snap.modules[0]?.boards[0]?.chipTempsC?.length === 160);
  // The health report's decoded view survives too.
  assert.deepEqual(opened.report.heatMaps[0]?.chipTempsC, snap.modules[0]?.boards[0]?.chipTempsC);
  assert.ok(opened.rawErrors['devs'] === undefined);
});

test('Nano 3S with the web password: its own logs are in, scrubbed; without it, a note says why not', async () => {
  const withLogs = await exportFrom(1, WEB_PASSWORD);
  assertNoSecrets(withLogs.bytes, 'the raw zip');
  const entries = unzipSync(withLogs.bytes);
  for (const [name, bytes] of Object.entries(entries)) assertNoSecrets(bytes, name);
  const opened = openSupportBundle(withLogs.bytes);
  assert.deepEqual(Object.keys(opened.deviceLogs).sort(), ['cg_op_log', 'mm_sys_log']);
  assert.equal(opened.deviceLogs['mm_sys_log'], 'boot ok\napi: setpool|[redacted]\n');
  assert.match(opened.deviceLogs['cg_op_log'] ?? '', /^user changed web password to \[redacted\]\npool 2 pass \[redacted\]\n$/);
  assert.ok(opened.manifest.notes.includes('device log asic_sys_log: the device does not have this file'));
  assert.ok(web.requests.every((r) => r.user === 'admin'));

  const without = openSupportBundle((await exportFrom(1)).bytes);
  assert.deepEqual(without.deviceLogs, {});
  assert.ok(without.manifest.notes.includes('device logs: not included (no web password was given)'));
  const wrong = openSupportBundle((await exportFrom(1, 'not-the-password')).bytes);
  assert.ok(wrong.manifest.notes.includes('device logs: the device refused the web password'));
});

test('an offline device still exports a bundle whose report says why', async () => {
  await h.sim.setFault(1, 'offline');
  try {
    const exported = await exportFrom(1);
    const opened = openSupportBundle(exported.bytes);
    assert.equal(opened.snapshot, undefined);
    assert.deepEqual(opened.report.checks.map((c) => [c.id, c.status]), [['connection', 'fail']]);
    assert.equal(opened.rawErrors['version']?.kind, 'refused');
    const file = path.join(logDir, 'offline.zip');
    await writeFile(file, exported.bytes);
    assert.deepEqual((await openSupportBundleFile(file)).report, opened.report);
  } finally {
    await h.sim.setFault(1, 'none');
  }
});

test('passwords a device prints itself (the Q\'s pools reply) are collected for scrubbing', () => {
  const pools = '{"STATUS":[{"STATUS":"S","Code":7}],"POOLS":[{"POOL":0,"URL":"stratum+tcp://p:1","User":"w","Password":"printed-by-device-1"},{"POOL":1,"Password":""}],"id":1}';
  assert.deepEqual(secretsInReplies({ pools: { ok: true, text: pools }, version: { ok: false, error: { kind: 'timeout', message: 't' } }, summary: { ok: true, text: 'not json {' } }), ['printed-by-device-1']);
});
