// `hearth diag` and `hearth open`, run as a user runs them (child processes)
// against simulated miners on 127.0.92.20-22, a local Stratum pool on
// 127.0.92.29 and a local imitation of the Nano 3S web server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import WebSocket from 'ws';
import { HealthReportSchema, NamedBundleSchema } from '../../electron/contract/diagnostics.js';
import { runCli } from '../../electron/cli/main.js';
import { openSupportBundleFile } from '../../electron/core/diagnostics/bundle/read.js';
import { startSimulation, type Simulation } from '../../electron/core/sim/index.js';
import { TestPool } from '../../electron/core/stratum/test-pool.js';
import { startUsrdataServer, type UsrdataServer } from '../core/diagnostics/bundle/usrdata-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WEB_PASSWORD = 'Cli-Web-Pw-5521';
const POOL_SECRET = 'Cli-Pool-Secret-9Xq';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hearth(args: string[], opts: { stdin?: string; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/hearth.ts', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HEARTH_DATA_DIR: join(work, 'no-data') } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      opts.onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end(opts.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function inProcess(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let work: string;
let sim: Simulation;
let pool: TestPool;
let web: UsrdataServer;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'hearth-cli-diag-'));
  // 0: a healthy Nano 3S (serves its logs), 1: an A1246 with a failed fan, 2: a device that is switched off.
  // The simulation runs in this process on a clock of its own, moved on ten minutes so the failed fan has stopped.
  const clock = { t: Date.parse('2026-11-30T12:00:00Z') };
  sim = await startSimulation({ count: 3, base: '127.0.92.20', port: 4028, seed: 5, models: ['nano3s', 'a1246', 'nano3s'], faults: { 1: 'fan-failure', 2: 'offline' }, now: () => clock.t });
  clock.t += 600_000;
  pool = await TestPool.start({ host: '127.0.92.29' });
  for (const device of sim.devices) {
    for (const p of device.pools) {
      p.url = pool.url;
      p.password = POOL_SECRET;
    }
  }
  web = await startUsrdataServer('127.0.92.20', WEB_PASSWORD, { cg_op_log: `login with ${WEB_PASSWORD} ok\n` });
});

after(async () => {
  await web?.close();
  await pool?.close();
  await sim?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

test('diag on a healthy device: prints the report, writes the bundle with the device logs, exit 0', async () => {
  const out = join(work, 'healthy.zip');
  const run = await hearth(['diag', '127.0.92.20', '--bundle', out, '--web-password-stdin', '--web-port', String(web.port), '--timeout', '3000'], { stdin: `${WEB_PASSWORD}\n` });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^Health of 127\.0\.92\.20:4028 \(Avalon Nano 3S[^)]*\): PASS|^Health of 127\.0\.92\.20:4028 .*: WARN/);
  assert.match(run.stdout, /PASS {2}Pools: /);
  assert.doesNotMatch(run.stdout, /FAIL/);
  assert.match(run.stderr, /Support bundle written to .*healthy\.zip \(\d+ bytes\)/);
  const bundle = await openSupportBundleFile(out);
  assert.equal(bundle.manifest.device.id, '127.0.92.20:4028');
  assert.match(bundle.deviceLogs['cg_op_log'] ?? '', /^login with \[redacted\] ok/);
  assert.equal(web.requests[0]?.user, 'admin');
  const bytes = await readFile(out);
  for (const secret of [WEB_PASSWORD, POOL_SECRET]) assert.equal(bytes.indexOf(secret), -1, `${secret} in the bundle`);
  // No temporary file left beside it.
  assert.deepEqual((await readdir(work)).filter((f) => f.startsWith('healthy')), ['healthy.zip']);
});

test('diag on a device with a failed fan exits 5 and names the check; --json prints the report', async () => {
  const [human, json] = await Promise.all([hearth(['diag', '127.0.92.21', '--timeout', '3000']), hearth(['diag', '127.0.92.21:4028', '--json', '--no-pool-test'])]);
  assert.equal(human.code, 5, human.stderr);
  assert.match(human.stdout, /FAIL {2}Fans: .*fan 1 is not turning/);
  assert.match(human.stdout, / {8}Next: /);
  assert.equal(json.code, 5, json.stderr);
  const report = HealthReportSchema.parse(JSON.parse(json.stdout));
  assert.equal(report.checks.find((c) => c.id === 'fans')?.status, 'fail');
  assert.equal(report.poolProbes, undefined, '--no-pool-test');
});

test('diag on a device that does not answer: the report says why, exit 1; a bundle that cannot be written: exit 6', async () => {
  const off = await hearth(['diag', '127.0.92.22', '--timeout', '1000']);
  assert.equal(off.code, 1, off.stderr);
  assert.match(off.stdout, /FAIL {2}.*refused/i);
  const nowhere = await hearth(['diag', '127.0.92.21', '--no-pool-test', '--bundle', join(work, 'missing-dir', 'x.zip')]);
  assert.equal(nowhere.code, 6, nowhere.stderr);
  assert.match(nowhere.stderr, /cannot write .*x\.zip/);
  assert.match(nowhere.stdout, /^Health of 127\.0\.92\.21:4028/, 'the report is printed even so');
});

test('diag usage errors exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['diag'], /exactly one device address/],
    [['diag', '127.0.92.20', '--web-password-stdin'], /only useful with --bundle/],
    [['diag', '127.0.92.20', '--timeout', 'soon'], /whole number/],
    [['diag', '127.0.92.20', '--bundle', ''], /needs a file name/],
    [['open'], /exactly one bundle file/],
  ];
  for (const [args, message] of cases) {
    const run = await inProcess(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
  }
});

test('open: a crafted bundle is refused with the reason (exit 6); a sound one is served read-only on the bundle page', async () => {
  const slip = join(work, 'slip.zip');
  await writeFile(slip, zipSync({ '../evil.txt': new TextEncoder().encode('x') }));
  const refused = await hearth(['open', slip, '--port', '0', '--data-dir', join(work, 'open-data')]);
  assert.equal(refused.code, 6);
  assert.match(refused.stderr, /slip\.zip cannot be opened \(unsafe-path\)/);
  assert.ok(!(await readdir(work)).includes('open-data'), 'nothing started, nothing written');

  const made = join(work, 'for-open.zip');
  const diag = await hearth(['diag', '127.0.92.21', '--no-pool-test', '--bundle', made]);
  assert.equal(diag.code, 5, diag.stderr);
  await writeFile(join(work, 'index.html'), '<!doctype html><title>Hearth</title>');
  let answer: Promise<unknown> | undefined;
  const run = await hearth(['open', made, '--port', '0', '--data-dir', join(work, 'open-data'), '--static-dir', work], {
    onStdout: (text, child) => {
      const url = /running at (http:\/\/\S+)#\/bundle/.exec(text)?.[1];
      if (url === undefined || answer !== undefined) return;
      answer = new Promise((resolve, reject) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}api`, { headers: { origin: url.replace(/\/$/, '') } });
        ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'diagnostics.startupBundle', params: {} })));
        ws.on('message', (data: Buffer) => {
          const m = JSON.parse(data.toString('utf8')) as { type: string; id?: number; result?: unknown };
          if (m.type !== 'response') return;
          resolve(m.result);
          ws.close();
          child.kill('SIGTERM');
        });
        ws.on('error', reject);
      });
    },
  });
  assert.ok(answer !== undefined, run.stdout + run.stderr);
  const startup = NamedBundleSchema.parse(await answer);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Bundle for-open\.zip: 127\.0\.92\.21:4028 \(.*\), made \d{4}-/);
  assert.equal(startup.name, 'for-open.zip');
  assert.equal(startup.bundle.manifest.device.id, '127.0.92.21:4028');
  assert.equal(startup.bundle.report.checks.find((c) => c.id === 'fans')?.status, 'fail');
});
