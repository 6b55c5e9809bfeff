// The permission check made before mining: access(2) on the stick's device
// node, never opening it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { it } from 'node:test';
import { ADVICE, UDEV_INSTALL_COMMAND, UDEV_RULE_FILE, UDEV_RULES, probeNodeAccess } from '../../../electron/core/usb/access.js';

/** The conventional uid of "nobody" on Linux. */
const NOBODY = 65534;
const ctx = { platform: 'linux' as const, backend: 'hid' as const, what: 'Avalon nano (29f1:33f3) at /dev/hidraw9' };

it('asks only on Linux and only about device nodes', async () => {
  assert.equal(await probeNodeAccess('/dev/null', { ...ctx, platform: 'win32' }), undefined);
  assert.equal(await probeNodeAccess(undefined, ctx), undefined);
  assert.equal(await probeNodeAccess('IOService:/AppleACPIPlatformExpert/XHC1', ctx), undefined);
  if (process.platform === 'linux') assert.equal(await probeNodeAccess('/dev/null', ctx), undefined);
  // A node that vanished is an unplug, which the watcher reports; it is not a permissions problem.
  assert.equal(await probeNodeAccess('/dev/hearth-no-such-node', ctx), undefined);
});

// Root may open any node, so as root the check runs in a child process as "nobody".
async function probeAs(uid: number | undefined, node: string): Promise<{ code?: string; message?: string }> {
  if (uid === undefined) {
    const refused = await probeNodeAccess(node, ctx);
    return { ...(refused ? { code: refused.code, message: refused.message } : {}) };
  }
  const script = `import { probeNodeAccess } from ${JSON.stringify(new URL('../../../electron/core/usb/access.ts', import.meta.url).href)};
const e = await probeNodeAccess(${JSON.stringify(node)}, ${JSON.stringify(ctx)});
process.stdout.write(JSON.stringify(e ? { code: e.code, message: e.message } : {}));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { uid, gid: uid, encoding: 'utf8', timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { code?: string; message?: string };
}

it('reports a node this user may not open, with the udev fix', { skip: process.platform !== 'linux' && 'Linux device nodes only' }, async () => {
  const node = `/dev/shm/hearth-access-${process.pid}`;
  writeFileSync(node, '');
  chmodSync(node, 0o000);
  try {
    const refused = await probeAs(process.getuid?.() === 0 ? NOBODY : undefined, node);
    assert.equal(refused.code, 'access-denied');
    assert.equal(refused.message, `${ctx.what}: EACCES: permission denied, access '${node}'. ${ADVICE.linuxAccess}`);
  } finally {
    rmSync(node, { force: true });
  }
});

it('the udev command writes exactly the shipped rule, from any directory', { skip: process.platform === 'win32' && 'needs a POSIX shell' }, () => {
  const shipped = readFileSync(new URL(`../../../${UDEV_RULE_FILE}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  assert.deepEqual(shipped, UDEV_RULES);
  // Run the part before `| sudo tee` through a POSIX shell, as the user would.
  const [producer, rest] = UDEV_INSTALL_COMMAND.split(' | sudo tee ');
  assert.ok(producer && rest?.startsWith('/etc/udev/rules.d/70-hearth-avalon.rules >/dev/null && sudo udevadm control --reload-rules && sudo udevadm trigger'));
  const out = spawnSync('/bin/sh', ['-c', producer], { encoding: 'utf8', cwd: '/' });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, `${UDEV_RULES.join('\n')}\n`);
});
