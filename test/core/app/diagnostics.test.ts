// Diagnostics through the service API, against simulated miners on
// 127.0.92.1-3 and a local Stratum pool on 127.0.92.10 (real TCP): each fault
// yields the right failing check, a healthy device none; a bundle exported
// through the API opens through the API with the same decoded values and
// without any configured pool secret; crafted bundles are refused with a
// clear error and nothing written; the app's log records what happened.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync, zipSync } from 'fflate';
import { events, requests, type EventPayload, type RequestMethod, type RequestResult } from '../../../electron/contract/api.js';
import { MAX_UI_BUNDLE_BYTES, type HealthCheckId, type HealthReport } from '../../../electron/contract/diagnostics.js';
import { ApiRequestError } from '../../../electron/core/app/errors.js';
import { createHearthService, type HearthService } from '../../../electron/core/app/service.js';
import { startSimulation, type Fault, type Simulation } from '../../../electron/core/sim/index.js';
import { TestPool } from '../../../electron/core/stratum/test-pool.js';

const MODELS = ['a1246', 'nano3s', 'avalon-q'];
const POOL_SECRETS = ['Cfg-Pool-Secret-0-Jq7', 'Cfg-Pool-Secret-1-Rv2', 'Cfg-Pool-Secret-2-Tz5'];
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

let work: string;
let dataDir: string;
let sim: Simulation;
let pool: TestPool;
let service: HearthService;
const clock = { t: Date.parse('2026-11-30T12:00:00Z') };
const ids: string[] = [];

before(async () => {
  // The data folder sits inside a work folder, so "nothing written outside the app's folders" can be checked.
  work = await mkdtemp(join(tmpdir(), 'hearth-diag-service-'));
  dataDir = join(work, 'data');
  await mkdir(dataDir);
  sim = await startSimulation({ count: MODELS.length, base: '127.0.92.1', port: 4028, seed: 3, models: MODELS, now: () => clock.t });
  pool = await TestPool.start({ host: '127.0.92.10' });
  for (const device of sim.devices) {
    // The Avalon Q prints these passwords in clear in its `pools` reply.
    device.pools.forEach((p, i) => {
      p.url = pool.url;
      p.password = POOL_SECRETS[i] ?? 'unused';
      p.user = `${WALLET}.rig${i}`;
    });
  }
  service = await createHearthService({ dataDir, host: 'server', version: '9.8.7', log: () => undefined, diagnostics: { health: { timeoutMs: 2000, poolTimeoutMs: 2000 } } });
  for (const target of sim.targets) {
    const record = await call('device.add', { host: target.host, port: target.port });
    ids.push(record.id);
  }
});

after(async () => {
  await service?.close();
  await pool?.close();
  await sim?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function call<M extends RequestMethod>(method: M, params: unknown): Promise<RequestResult<M>> {
  return requests[method].result.parse(await service.handle(method, params)) as RequestResult<M>;
}

async function rejectsWith(p: Promise<unknown>, code: string, message: RegExp): Promise<ApiRequestError> {
  let caught: ApiRequestError | undefined;
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ApiRequestError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    caught = err;
    return true;
  });
  assert.ok(caught);
  return caught;
}

async function setFault(fault: Fault): Promise<void> {
  for (let i = 0; i < MODELS.length; i++) await sim.setFault(i, fault);
  // Ten simulated minutes: the 1-minute averages and temperatures settle.
  clock.t += 600_000;
}

async function checkAll(): Promise<HealthReport[]> {
  const out: HealthReport[] = [];
  for (const id of ids) out.push(await call('diagnostics.runHealthCheck', { id }));
  return out;
}

const failing = (r: HealthReport): HealthCheckId[] => r.checks.filter((c) => c.status === 'fail').map((c) => c.id);

test('healthy devices: no failing check; the pools answer Hearth; progress is announced step by step', async () => {
  await setFault('none');
  const steps: EventPayload<'diagnostics.progress'>[] = [];
  const off = service.on('diagnostics.progress', (p) => steps.push(events['diagnostics.progress'].parse(p)));
  const reports = await checkAll();
  off();
  for (const r of reports) {
    assert.deepEqual(failing(r), [], `${r.modelId}: ${JSON.stringify(r.checks.filter((c) => c.status === 'fail'))}`);
    assert.equal(r.checks.length, 13);
    assert.equal(r.poolProbes?.length, 3);
    assert.ok(r.poolProbes?.every((p) => p.reachable && p.subscribeMs !== undefined), JSON.stringify(r.poolProbes));
    assert.equal(r.exposureProbe?.sent, 'check|ascset', 'the read-only probe, nothing else');
  }
  assert.deepEqual(
    steps.filter((s) => s.deviceId === ids[0]).map((s) => `${s.job}:${s.step}`),
    ['health:reading', 'health:pools', 'health:exposure', 'health:done'],
  );
  // The last report is kept for the window to show again.
  const last = await call('diagnostics.lastReport', { id: ids[2] });
  assert.equal(last?.generatedAt, reports[2]?.generatedAt);
});

const FAULT_CHECKS: [Fault, HealthCheckId][] = [
  ['overheat', 'temperature'],
  ['fan-failure', 'fans'],
  ['board-down', 'boards'],
  ['pool-dead', 'pools'],
  ['offline', 'connection'],
];

for (const [fault, check] of FAULT_CHECKS) {
  test(`${fault}: the ${check} check fails on every model, through the API`, async () => {
    await setFault(fault);
    try {
      for (const r of await checkAll()) {
        assert.ok(failing(r).includes(check), `${r.modelId}: failing ${failing(r).join(',')}`);
        assert.equal(r.overall, 'fail');
        const c = r.checks.find((x) => x.id === check);
        assert.ok(c && c.explanation.length > 10 && c.nextStep.length > 10, 'plain-language explanation and next step');
      }
    } finally {
      await setFault('none');
    }
  });
}

test('an unknown device and bad parameters are refused', async () => {
  await rejectsWith(service.handle('diagnostics.runHealthCheck', { id: '127.0.92.99:4028' }), 'not-found', /no device/);
  await rejectsWith(service.handle('diagnostics.exportBundle', { id: ids[0], webPassword: 'x'.repeat(65) }), 'invalid-params', /webPassword/);
  await rejectsWith(service.handle('logs.query', { minLevel: 'loud' }), 'invalid-params', /minLevel/);
});

/** Every file under a folder, relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

test('bundle round trip through the API: same decoded values, no configured pool secret anywhere in the bytes', async () => {
  await setFault('none');
  const q = ids[2] as string;
  const steps: string[] = [];
  const off = service.on('diagnostics.progress', (p) => {
    if (p.deviceId === q && p.job === 'export') steps.push(p.step);
  });
  const exported = await call('diagnostics.exportBundle', { id: q });
  off();
  assert.deepEqual(steps, ['reading', 'pools', 'exposure', 'app-logs', 'packing', 'done']);
  assert.match(exported.fileName, /^hearth-127\.0\.92\.3-4028-\d{8}-\d{6}\.zip$/);
  const bytes = Buffer.from(exported.base64, 'base64');
  assert.equal(bytes.length, exported.bytes);
  assert.ok(bytes.length < MAX_UI_BUNDLE_BYTES);

  // The secrets the device itself printed: none in the zip, raw or inflated.
  const inflated = Object.values(unzipSync(bytes)).map((b) => Buffer.from(b).toString('utf8'));
  for (const secret of [...POOL_SECRETS, WALLET]) {
    assert.equal(bytes.indexOf(secret), -1, `${secret} in the zip bytes`);
    for (const text of inflated) assert.ok(!text.includes(secret), `${secret} in an inflated entry`);
  }
  assert.ok(inflated.some((t) => t.includes('bc1qar…5mdq.rig0')), 'wallet workers shortened, not dropped');

  const opened = await call('diagnostics.openBundle', { name: exported.fileName, base64: exported.base64 });
  const { bundle } = opened;
  assert.equal(opened.name, exported.fileName);
  assert.equal(bundle.manifest.appVersion, '9.8.7');
  assert.equal(bundle.manifest.device.id, q);
  assert.equal(bundle.manifest.device.modelId, 'avalon-q');
  assert.deepEqual(bundle.manifest.redaction, { secrets: true, walletWorkers: true });
  assert.deepEqual(bundle.manifest, exported.manifest);
  // The report the user saw is the one support sees (checks, decoded codes, heat maps).
  const report = await call('diagnostics.lastReport', { id: q });
  assert.ok(report);
  assert.deepEqual(bundle.report.checks, report.checks);
  assert.deepEqual(bundle.report.decodedErrors, report.decodedErrors);
  assert.deepEqual(bundle.report.heatMaps, report.heatMaps);
  assert.equal(bundle.report.takenAt, bundle.snapshot?.takenAt);
  assert.deepEqual(bundle.snapshot?.identity, (await call('device.get', { id: q })).snapshot?.identity);
  assert.equal(bundle.snapshot?.identity.modelId, 'avalon-q');
  assert.ok(Object.keys(bundle.rawReplies).includes('pools'));
  // History is the monitor's live history; events say when the device was added.
  const history = await call('device.history', { id: q });
  assert.ok(bundle.history.length > 0 && bundle.history.length <= history.length);
  assert.deepEqual(bundle.history[0], history[0]);
  assert.ok(bundle.events.some((e) => (e as { kind?: string }).kind === 'added'), JSON.stringify(bundle.events));
  // The app's log is in, with the health checks run above.
  assert.ok(bundle.appLogs.some((e) => e.scope === 'diagnostics' && e.msg.startsWith(`health check of ${q}`)));
});

test('crafted bundles are refused through the API with a clear error, and nothing is written', async () => {
  const before = await listFiles(work);
  const valid = Buffer.from((await call('diagnostics.exportBundle', { id: ids[0] })).base64, 'base64');
  const cases: [string, Uint8Array, string, RegExp][] = [
    ['slip.zip', zipSync({ '../evil.txt': new TextEncoder().encode('owned') }), 'unsafe-path', /"\.\." or "\." segment/],
    ['bomb.zip', zipSync({ 'manifest.json': new Uint8Array(4 * 1024 * 1024) }, { level: 9 }), 'zip-bomb', /./],
    ['truncated.zip', valid.subarray(0, valid.length - 30), 'truncated', /./],
    ['corrupt.zip', Buffer.from('this is not a zip file at all, just text'), 'corrupt', /not a zip file/],
    ['foreign.zip', zipSync({ 'notes.txt': new TextEncoder().encode('hello') }), 'invalid-content', /no manifest\.json/],
  ];
  for (const [name, bytes, kind, message] of cases) {
    const err = await rejectsWith(service.handle('diagnostics.openBundle', { name, base64: Buffer.from(bytes).toString('base64') }), 'invalid-params', new RegExp(`^${name.replace('.', '\\.')} cannot be opened: `));
    assert.equal((err.details as { kind?: string }).kind, kind, err.message);
    assert.match(err.message, message);
  }
  // Oversized: refused by the contract before any decoding.
  const huge = 'A'.repeat(Math.ceil(MAX_UI_BUNDLE_BYTES / 3) * 4 + 4);
  await rejectsWith(service.handle('diagnostics.openBundle', { name: 'huge.zip', base64: huge }), 'invalid-params', /at most 8 MiB/);
  await rejectsWith(service.handle('diagnostics.openBundle', { name: 'bad.zip', base64: 'not base64!' }), 'invalid-params', /base64/);

  // Only the app's own log changed; no extracted file anywhere.
  const after = await listFiles(work);
  assert.deepEqual(after.filter((f) => !f.startsWith('data/logs/')), before.filter((f) => !f.startsWith('data/logs/')));
  assert.ok(!after.some((f) => f.includes('evil')));
  const refusals = await call('logs.query', { minLevel: 'warn', text: 'bundle refused' });
  assert.deepEqual(refusals.entries.map((e) => e.data?.kind), ['unsafe-path', 'zip-bomb', 'truncated', 'corrupt', 'invalid-content']);
});

test('the log records status changes, device errors and settings changes; the log view filters', async () => {
  await call('settings.set', { pollIntervalMs: 1000 });
  await sim.setFault(1, 'offline');
  try {
    const until = Date.now() + 8000;
    let errors: RequestResult<'logs.query'>['entries'] = [];
    while (Date.now() < until) {
      errors = (await call('logs.query', { minLevel: 'error', text: ids[1] })).entries;
      if (errors.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(errors.length > 0, 'a device error was logged');
    assert.equal(errors[0]?.scope, 'fleet');
    assert.match(errors[0]?.msg ?? '', /refused/);
  } finally {
    await sim.setFault(1, 'none');
  }
  const settings = await call('logs.query', { text: 'settings changed' });
  assert.equal(settings.entries.at(-1)?.data?.pollIntervalMs, 1000);
  const added = await call('logs.query', { minLevel: 'info', text: 'is watched' });
  assert.deepEqual(added.entries.map((e) => e.data?.deviceId).sort(), [...ids].sort());
  // Time range and limit.
  const all = await call('logs.query', {});
  const firstT = all.entries[0]?.t ?? 0;
  assert.ok((await call('logs.query', { to: firstT - 1 })).entries.length === 0);
  assert.equal((await call('logs.query', { limit: 2 })).entries.length, 2);
  assert.deepEqual((await call('logs.query', { limit: 2 })).entries, all.entries.slice(-2));
  assert.equal(all.skipped, 0);
  // No configured pool secret ever reaches the log.
  for (const e of all.entries) for (const secret of POOL_SECRETS) assert.ok(!JSON.stringify(e).includes(secret));
});
