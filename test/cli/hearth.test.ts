// The `hearth` command, run as a user runs it (a child process) against
// simulated miners on 127.0.34.x, plus the usage-error matrix in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeviceSnapshotSchema } from '../../electron/contract/snapshot.js';
import { runCli } from '../../electron/cli/main.js';
import { startSimulation } from '../../electron/core/sim/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hearth(args: string[], opts: { onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/hearth.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      opts.onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
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

test('scan, status, raw against simulated miners; exit codes for unreachable and slow devices', async (t) => {
  const sim = await startSimulation({ count: 4, base: '127.0.34.1', faults: { 3: 'slow-reply' }, slowReplyMs: 3000 });
  t.after(() => sim.close());
  const models = sim.devices.map((d) => d.profile.id);

  // End to end in child processes (exit codes as a shell sees them)...
  const [scan, status, raw, refused] = await Promise.all([
    hearth(['scan', '127.0.34.1-3', '127.0.34.9', '--json', '--timeout', '1000']),
    hearth(['status', '127.0.34.1', '--json']),
    hearth(['raw', '127.0.34.1', 'summary']),
    hearth(['status', '127.0.34.250']),
  ]);
  // ...and the rest in this process: same code path, without a Node start-up each.
  const none = await inProcess(['scan', '127.0.34.200-202', '--timeout', '300']);
  const human = await inProcess(['status', '127.0.34.2:4028']);
  const text = await inProcess(['raw', '127.0.34.1', 'version', '--text']);
  const slow = await inProcess(['status', '127.0.34.4', '--timeout', '300']);

  assert.equal(scan.code, 0, scan.stderr);
  const found = JSON.parse(scan.stdout) as { host: string; port: number; modelId: string }[];
  assert.deepEqual(found.map((f) => [f.host, f.port, f.modelId]), [
    ['127.0.34.1', 4028, models[0]],
    ['127.0.34.2', 4028, models[1]],
    ['127.0.34.3', 4028, models[2]],
  ]);
  assert.match(scan.stderr, /4 addresses probed, 3 Avalons found/);

  assert.equal(none.code, 3);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /3 addresses probed, 0 Avalons found/);

  assert.equal(status.code, 0, status.stderr);
  const snapshot = DeviceSnapshotSchema.parse(JSON.parse(status.stdout));
  assert.equal(snapshot.identity.modelId, models[0]);
  assert.ok(snapshot.summary.ghs1m !== undefined || snapshot.summary.ghs5s !== undefined);
  assert.ok(snapshot.modules.length >= 1);

  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^127\.0\.34\.2:4028 {2}\S/);
  assert.match(human.stdout, /Hash rate +[\d.]+ [GT]H\/s/);
  assert.match(human.stdout, /Pools\n {4}0 {2}stratum\+tcp:\/\//);

  assert.equal(raw.code, 0, raw.stderr);
  const reply = JSON.parse(raw.stdout) as { STATUS: { STATUS: string; Code: number }[]; SUMMARY: unknown[] };
  assert.equal(reply.STATUS[0]!.STATUS, 'S');
  assert.equal(reply.STATUS[0]!.Code, 11);
  assert.equal(reply.SUMMARY.length, 1);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^STATUS=S,When=\d+,Code=22,Msg=CGMiner versions/);

  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /^hearth: 127\.0\.34\.250:4028: refused: /);
  assert.equal(refused.stderr.trim().split('\n').length, 1, 'one line');

  assert.equal(slow.code, 1);
  assert.match(slow.stderr, /^hearth: 127\.0\.34\.4:4028: timeout: .*300 ms/);
});

test('raw reports a command the device refuses as a device error with its STATUS', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.34.20' });
  t.after(() => sim.close());
  const r = await inProcess(['raw', '127.0.34.20', 'nosuchcommand']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^hearth: 127\.0\.34\.20:4028: status-error: .*Invalid command/);
});

test('usage errors exit 2 with a message on stderr and nothing on stdout', async () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command "frobnicate"/],
    [['status'], /missing a device address|exactly one device/],
    [['status', 'a', 'b'], /exactly one device address/],
    [['status', '10.0.0.1:99999'], /invalid port/],
    [['status', '10.0.0.1', '--timeout', 'soon'], /--timeout must be a whole number/],
    [['scan', '--bogus'], /Unknown option '--bogus'/],
    [['scan', '10.0.0.0/8'], /too many|at most/],
    [['scan', 'not_a_host!'], /expected an IPv4 address/],
    [['scan', '127.0.0.1', '--concurrency', '0'], /--concurrency must be from 1/],
    [['raw', '10.0.0.1'], /missing the command/],
    [['serve', 'extra'], /serve takes no arguments/],
    [['serve', '--token', 'short'], /at least 8 characters/],
  ];
  for (const [args, message] of cases) {
    const r = await inProcess(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.match(r.stderr, /^hearth: /);
  }
});

test('--version, --help, per-command help; no command is a usage error', async () => {
  const [version, unknown] = await Promise.all([hearth(['--version']), hearth(['frobnicate'])]);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), pkg.version);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /^hearth: unknown command "frobnicate"/);
  const help = await inProcess(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit status: 0 ok, 1 device error, 2 usage error, 3 nothing found \(scan\),\s/);
  assert.match(help.stdout, /\b4 change not applied \(set, pools\)/);
  assert.match(help.stdout, /\b70 internal error\.$/);
  const rawHelp = await inProcess(['raw', '--help']);
  assert.equal(rawHelp.code, 0);
  assert.match(rawHelp.stdout, /including commands that change the\ndevice/);
  assert.equal((await inProcess([])).code, 2);
});

test('serve: prints the URL, serves the page and the API, stops cleanly on SIGTERM', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-cli-serve-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Hearth</title>');
  let page: Promise<{ status: number; body: string }> | undefined;
  const run = await hearth(['serve', '--port', '0', '--data-dir', join(dir, 'data'), '--static-dir', dir], {
    onStdout: (out, child) => {
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url === undefined || page !== undefined) return;
      page = new Promise((resolve, reject) => {
        http
          .get(url, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (d: string) => (body += d));
            res.on('end', () => {
              resolve({ status: res.statusCode ?? 0, body });
              child.kill('SIGTERM');
            });
          })
          .on('error', reject);
      });
    },
  });
  assert.ok(page !== undefined, run.stdout + run.stderr);
  const got = await page;
  assert.equal(got.status, 200);
  assert.match(got.body, /<title>Hearth<\/title>/);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`Hearth ${pkg.version.replace(/\./g, '\\.')} is running at http://127\\.0\\.0\\.1:\\d+/\\n`));
  assert.match(run.stdout, /Data folder: .*data/);
});
