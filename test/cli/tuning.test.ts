// `hearth set` and `hearth pools` against simulated miners on 127.0.91.71-75:
// in-process for the matrix (same code path as the command, without a Node
// start-up each), and as a child process for the exit codes a shell sees.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXIT_USAGE, ExitError, UsageError } from '../../electron/cli/errors.js';
import { runPools } from '../../electron/cli/pools.js';
import { runSet } from '../../electron/cli/set.js';
import type { ChangeRunOptions } from '../../electron/cli/change.js';
import { startSimulation, type Simulation } from '../../electron/core/sim/index.js';
import { SIM_WEB_PASSWORD } from '../../electron/core/sim/device.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MODELS = ['avalon-q', 'nano3s', 'nano3', 'a1566', 'mini3'];
let sim: Simulation;
const addr = (model: string): string => `${sim.targets[MODELS.indexOf(model)]!.host}:${sim.targets[MODELS.indexOf(model)]!.port}`;
const dev = (model: string) => sim.devices[MODELS.indexOf(model)]!;
const privileged = (model: string) => dev(model).commandLog.filter((e) => e.privileged);

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.91.71', seed: 12, models: MODELS, rebootS: 2 });
});
after(() => sim.close());

interface Run {
  code: number;
  out: string;
  err: string;
}

const fast: ChangeRunOptions = { timing: { readBackTries: 5, readBackDelayMs: 100, rebootPollMs: 500, rebootTimeoutMs: 10_000 }, confirm: async () => false };

/** Runs a command with test timings; errors become exit codes and one stderr line, as main.ts reports them. */
async function run(fn: typeof runSet, args: string[], opts: ChangeRunOptions = fast): Promise<Run> {
  const out: string[] = [];
  const io = { out: (t: string) => void out.push(t), err: () => undefined };
  try {
    const code = await fn(args, io, opts);
    return { code, out: out.join('\n'), err: '' };
  } catch (e) {
    if (e instanceof ExitError) return { code: e.exitCode, out: out.join('\n'), err: e.message };
    if (e instanceof UsageError) return { code: EXIT_USAGE, out: out.join('\n'), err: e.message };
    throw e;
  }
}

describe('hearth set', () => {
  it('work mode by name with --yes: applied and read back', async () => {
    assert.equal(dev('avalon-q').workMode, 0);
    const r = await run(runSet, [addr('avalon-q'), 'workmode', 'super', '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `${addr('avalon-q')}: applied: applied; the read-back shows the new state [before 0, after 2]`);
    assert.equal(dev('avalon-q').workMode, 2);
    assert.equal(privileged('avalon-q').at(-1)?.parameter, '0,workmode,set,2');
  });

  it('an interrupting change without --yes is refused when nobody confirms, and nothing is sent', async () => {
    const before = privileged('mini3').length;
    const r = await run(runSet, [addr('mini3'), 'softoff']);
    assert.equal(r.code, 4);
    assert.match(r.err, /not sent: this stops hashing \(standby\) until soft on; confirm with --yes$/);
    assert.equal(privileged('mini3').length, before);
  });

  it('a confirmation at the prompt sends it', async () => {
    const questions: string[] = [];
    const r = await run(runSet, [addr('mini3'), 'softoff'], { ...fast, confirm: async (q) => (questions.push(q), true) });
    assert.equal(r.code, 0, r.err);
    assert.match(questions[0] ?? '', /^127\.0\.91\.75:4028 \(Avalon Mini 3\): this stops hashing \(standby\) until soft on\. Go ahead\?$/);
    const on = await run(runSet, [addr('mini3'), 'softon']);
    assert.equal(on.code, 0, on.err);
  });

  it('out of range, missing control and access denied: exit 4 with one line, nothing sent where invalid', async () => {
    const before = privileged('nano3s').length;
    const fan = await run(runSet, [addr('nano3s'), 'fan', '5']);
    assert.equal(fan.code, 4);
    assert.match(fan.err, /not sent: fan: 5 is not valid; expected 'auto' or 15-100 %$/);
    assert.equal(privileged('nano3s').length, before);

    const led = await run(runSet, [addr('avalon-q'), 'led', 'on']);
    assert.equal(led.code, 4);
    assert.match(led.err, /has no led control \(it has: workmode, worklevel, fan, voltage, freq, softoff, softon, reboot\)/);

    const denied = await run(runSet, [addr('a1566'), 'led', 'on']);
    assert.equal(denied.code, 4);
    assert.match(denied.err, /access-denied: .*API allow.*\(device: Access denied to 'ascset' command\)/);
    assert.equal(denied.err.split('\n').length, 1);
  });

  it('refused by the device: its own words', async () => {
    const r = await run(runSet, [addr('nano3s'), 'worklevel', '1', '--yes']);
    assert.equal(r.code, 4);
    assert.match(r.err, /device-refused: the device refused: ASC 0 set failed: worklevel unknown argument/);
  });

  it('fan auto and a reboot that comes back', async () => {
    assert.equal((await run(runSet, [addr('nano3s'), 'fan', 'auto'])).code, 0);
    const r = await run(runSet, [addr('nano3'), 'reboot', '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /applied: restarted and back online after \d+ s/);
  });

  it('usage errors exit 2', async () => {
    assert.equal((await run(runSet, [addr('nano3s'), 'turbo', '1'])).code, 2);
    assert.equal((await run(runSet, [addr('nano3s'), 'reboot', 'now'])).code, 2);
    assert.equal((await run(runSet, [addr('nano3s'), 'fan', 'fast'])).code, 2);
  });
});

describe('hearth pools', () => {
  it('list shows the pools without passwords', async () => {
    const r = await run(runPools, [addr('nano3s')]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^0 {2}prio 0 {2}Alive {4}active stratum\+tcp:\/\/pool\.example\.com:3333 {2}hearthdemo\.nano3s-2$/);
    const json = JSON.parse((await run(runPools, [addr('avalon-q'), 'list', '--json'])).out) as Array<Record<string, unknown>>;
    assert.equal(json.length, 3);
    assert.ok(json.every((p) => !('password' in p)));
  });

  it('switch with --yes is applied; add is not offered on a Nano 3S', async () => {
    const sw = await run(runPools, [addr('nano3s'), 'switch', '2', '--yes']);
    assert.equal(sw.code, 0, sw.err);
    assert.equal(privileged('nano3s').at(-1)?.command, 'switchpool');
    const add = await run(runPools, [addr('nano3s'), 'add', 'stratum+tcp://a.example:3333', 'w', 'p']);
    assert.equal(add.code, 4);
    assert.match(add.err, /does not support 'add' for pools over its API \(it has: set, enable, disable, switch, priority\)/);
  });

  it('set: the web login goes to the device, never to the output', async () => {
    const r = await run(runPools, [addr('nano3s'), 'set', '1', 'stratum+tcp://b.example:3333', 'rig', 'Sup3rSecret', '--web-user', 'root', '--web-password', SIM_WEB_PASSWORD]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /applied: accepted; it takes effect after the next reboot of the miner/);
    assert.doesNotMatch(r.out + r.err, /Sup3rSecret/);
    assert.equal(privileged('nano3s').at(-1)?.parameter, `root,${SIM_WEB_PASSWORD},1,stratum+tcp://b.example:3333,rig,Sup3rSecret`);
    const bad = await run(runPools, [addr('nano3s'), 'set', '1', 'ftp://b.example', 'rig', '--web-user', 'root', '--web-password', 'x']);
    assert.equal(bad.code, 4);
    assert.match(bad.err, /not sent: /);
  });
});

describe('as a user runs it', () => {
  function hearth(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/hearth.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('exit codes: applied 0, unconfirmed without a terminal 4', async () => {
    const [ok, refused] = await Promise.all([hearth(['set', addr('avalon-q'), 'workmode', '1', '--yes']), hearth(['set', addr('nano3s'), 'reboot'])]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /applied/);
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /^hearth: .*not sent: this restarts the miner; it stops hashing for a few minutes; confirm with --yes\n$/);
  });
});
