// Starting and stopping fleets, address allocation, the command log over
// the wire, and the `hearth sim` entry point.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { allocateTargets, DEFAULT_FLEET_MODELS, startSimulation, SimAddressError, SimulationError } from '../../../electron/core/sim/index.js';
import { bindError } from '../../../electron/core/sim/simulation.js';
import { parseSimArgs, SimUsageError } from '../../../electron/core/sim/cli.js';
import { ask, askJson, exchange, rec } from './helpers.js';

describe('startSimulation', () => {
  it('starts 20 mixed devices on 127.0.22.x, each answering as its model, and closes cleanly', async () => {
    const sim = await startSimulation({ count: 20, base: '127.0.22.1' });
    try {
      assert.equal(sim.devices.length, 20);
      assert.deepEqual(
        sim.targets.map((t) => `${t.host}:${t.port}`),
        Array.from({ length: 20 }, (_, i) => `127.0.22.${i + 1}:4028`),
      );
      // Controller rigs answer `version` without PROD (upstream cgminer); their profile's product is ''.
      const products = await Promise.all(sim.targets.map(async (t) => rec(await askJson(t, 'version'), 'VERSION').PROD ?? ''));
      assert.deepEqual(products, sim.devices.map((d) => d.profile.product));
      assert.equal(new Set(sim.devices.map((d) => d.profile.id)).size, DEFAULT_FLEET_MODELS.length, 'the whole default mix is in a fleet of 20');
      assert.equal(sim.device('127.0.22.7'), sim.devices[6]);
      assert.equal(sim.device('127.0.22.7', 4029), undefined);
    } finally {
      await sim.close();
    }
    const after = await exchange({ host: '127.0.22.1', port: 4028 }, 'version');
    assert.equal(after.error?.code, 'ECONNREFUSED');
  });

  it('carries from .254 into the next third octet when binding', async () => {
    const sim = await startSimulation({ count: 4, base: '127.0.25.253', port: 4030, models: ['nano3s'] });
    try {
      assert.deepEqual(sim.targets.map((t) => t.host), ['127.0.25.253', '127.0.25.254', '127.0.26.1', '127.0.26.2']);
      assert.match(await ask(sim.targets[2]!, 'summary'), /^STATUS=S,/);
    } finally {
      await sim.close();
    }
  });

  it('port-step puts every device on one address; port 0 picks free ports', async () => {
    const sim = await startSimulation({ count: 3, portStep: true, port: 0, models: ['a1566'] });
    try {
      assert.ok(sim.targets.every((t) => t.host === '127.0.0.1' && t.port > 0));
      assert.equal(new Set(sim.targets.map((t) => t.port)).size, 3);
      for (const t of sim.targets) assert.equal(rec(await askJson(t, 'version'), 'VERSION').MODEL, '15-194');
    } finally {
      await sim.close();
    }
  });

  it('fails clearly when the address is taken, and leaves nothing listening', async () => {
    const first = await startSimulation({ count: 1, base: '127.0.27.2', models: ['nano3'] });
    try {
      await assert.rejects(startSimulation({ count: 2, base: '127.0.27.1' }), (err: Error) => {
        assert.ok(err instanceof SimulationError);
        assert.match(err.message, /127\.0\.27\.2:4028: already in use/);
        return true;
      });
      assert.equal((await exchange({ host: '127.0.27.1', port: 4028 }, 'version')).error?.code, 'ECONNREFUSED');
      assert.equal(rec(await askJson(first.targets[0]!, 'version'), 'VERSION').PROD, 'Avalon0o');
    } finally {
      await first.close();
    }
  });

  it('explains a missing loopback alias with the --port-step hint', () => {
    const err = bindError(Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' }), { host: '127.0.1.2', port: 4028 }, false);
    assert.match(err.message, /127\.0\.1\.2:4028.*--port-step/);
  });

  it('rejects unknown models and out-of-range fault indexes', async () => {
    await assert.rejects(startSimulation({ count: 1, base: '127.0.28.1', models: ['s19'] }), /unknown model "s19"/);
    const sim = await startSimulation({ count: 1, base: '127.0.28.1' });
    try {
      await assert.rejects(sim.setFault(3, 'offline'), /no simulated device 3/);
    } finally {
      await sim.close();
    }
  });

  it('logs every request with its parameter and whether it was privileged', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const sim = await startSimulation({ count: 2, base: '127.0.29.1', models: ['a1566', 'avalon-q'], now: () => t0 });
    try {
      await askJson(sim.targets[0]!, 'summary+estats');
      await ask(sim.targets[0]!, 'ascset|0,led,1-1');
      await askJson(sim.targets[1]!, 'ascset', '0,workmode,set,2');
      await askJson(sim.targets[1]!, 'version');
      assert.deepEqual(sim.devices[0]!.commandLog, [
        { at: t0, command: 'summary+estats', privileged: false },
        { at: t0, command: 'ascset', parameter: '0,led,1-1', privileged: true },
      ]);
      assert.deepEqual(sim.devices[1]!.commandLog, [
        { at: t0, command: 'ascset', parameter: '0,workmode,set,2', privileged: true },
        { at: t0, command: 'version', privileged: false },
      ]);
      // The A-series refused; the Q, with no access control, changed mode.
      assert.equal(sim.devices[0]!.workMode, 1);
      assert.equal(sim.devices[1]!.workMode, 2);
    } finally {
      await sim.close();
    }
  });
});

describe('address allocation', () => {
  const alloc = (base: string, count: number, extra: Partial<Parameters<typeof allocateTargets>[0]> = {}): string[] =>
    allocateTargets({ base, count, port: 4028, portStep: false, allowNonLoopback: false, ...extra }).map((t) => `${t.host}:${t.port}`);

  it('skips .255 and .0 and carries into the third octet', () => {
    assert.deepEqual(alloc('127.0.1.253', 4), ['127.0.1.253:4028', '127.0.1.254:4028', '127.0.2.1:4028', '127.0.2.2:4028']);
    assert.deepEqual(alloc('127.0.255.254', 2), ['127.0.255.254:4028', '127.1.0.1:4028']);
  });

  it('refuses addresses outside loopback unless allowed, and bad bases', () => {
    assert.throws(() => alloc('192.168.1.10', 2), (e: Error) => e instanceof SimAddressError && /outside 127\.0\.0\.0\/8/.test(e.message));
    assert.deepEqual(alloc('192.0.2.1', 1, { allowNonLoopback: true }), ['192.0.2.1:4028']);
    assert.throws(() => alloc('127.255.255.254', 2), /past the end of 127\.0\.0\.0\/8/);
    assert.throws(() => alloc('127.0.1.0', 1), /must not end in \.0 or \.255/);
    assert.throws(() => alloc('127.0.1', 1), /not an IPv4 address/);
    assert.throws(() => alloc('127.0.1.1', 0), /positive integer/);
  });

  it('port-step counts ports up from the base port', () => {
    assert.deepEqual(alloc('127.0.0.1', 3, { portStep: true, port: 5000 }), ['127.0.0.1:5000', '127.0.0.1:5001', '127.0.0.1:5002']);
    assert.throws(() => alloc('127.0.0.1', 3, { portStep: true, port: 65534 }), /exceed 65535/);
  });
});

describe('hearth sim', () => {
  it('parses its options', () => {
    assert.deepEqual(parseSimArgs(['--count', '20', '--base', '127.0.5.1', '--port=4100', '--seed', '9', '--fault', '3=overheat', '--fault', '0=offline']), {
      count: 20,
      help: false,
      base: '127.0.5.1',
      port: 4100,
      seed: 9,
      faults: { 3: 'overheat', 0: 'offline' },
    });
    assert.deepEqual(parseSimArgs(['--port-step', '--models', 'nano3s,avalon-q']), { count: 8, help: false, portStep: true, models: ['nano3s', 'avalon-q'] });
    assert.equal(parseSimArgs(['--help']).help, true);
    for (const bad of [['--count', 'x'], ['--fault', '1=melting'], ['--fault', '9=offline'], ['--port', '70000'], ['--frobnicate']]) {
      assert.throws(() => parseSimArgs(bad), SimUsageError, bad.join(' '));
    }
  });

  it('prints the addresses, serves until SIGINT, then exits 0', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const script = "import('./electron/core/sim/cli.ts').then(async (m) => process.exit(await m.runSimCli(process.argv.slice(1))))";
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, '--', '--count', '2', '--base', '127.0.61.1', '--models', 'mini3'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl-C')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    assert.match(out, /127\.0\.61\.1:4028 +Avalon Mini3/);
    assert.match(out, /127\.0\.61\.2:4028 +Avalon Mini3/);
    assert.equal(rec(await askJson({ host: '127.0.61.2', port: 4028 }, 'version'), 'VERSION').MODEL, 'Mini3');
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    assert.equal(code, 0);
  });
});
