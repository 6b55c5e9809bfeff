// The electron-builder configuration (package.json "build") passes
// electron-builder's own validation: Packager.validateConfig() is the first
// step of every build (it loads the configuration, checks the package
// metadata and validates everything against electron-builder's JSON schema)
// and needs no network, unlike a build, which downloads Electron.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Packager, type Configuration } from 'electron-builder';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: Configuration; scripts: Record<string, string> };

async function validate(config?: Configuration): Promise<Configuration> {
  // electron-builder logs to stdout, which node's test runner also uses for its
  // own serialized reports: stray bytes there can break them. Keep it quiet.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const packager = new Packager({ projectDir: root, ...(config ? { config } : {}) });
    await packager.validateConfig();
    return packager.config;
  } finally {
    process.stdout.write = write;
  }
}

test('the configuration in package.json passes electron-builder validation', async () => {
  const effective = await validate();
  assert.equal(effective.appId, 'org.hearth.app');
  assert.equal(effective.productName, 'Hearth');
});

test('a broken configuration fails the same validation (the check can fail)', async () => {
  await assert.rejects(validate({ nsis: { oneClick: 'yes' as unknown as boolean } }), /does not match the API schema[\s\S]*configuration\.nsis\.oneClick should be a boolean/);
  await assert.rejects(validate({ mac: { hardenedRuntim: true } as Configuration['mac'] }), /does not match the API schema[\s\S]*configuration\.mac /);
  await assert.rejects(validate({ linux: { target: [{ target: 'AppImage', arch: ['sparc'] }] } as unknown as Configuration['linux'] }), /does not match the API schema[\s\S]*configuration\.linux\.target/);
});

test('targets: NSIS on Windows, dmg for both Mac architectures, AppImage and deb on Linux', () => {
  const b = pkg.build;
  assert.deepEqual(b.win?.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.deepEqual(b.mac?.target, [{ target: 'dmg', arch: ['x64', 'arm64'] }]);
  assert.deepEqual(
    (b.linux?.target as { target: string }[]).map((t) => t.target),
    ['AppImage', 'deb'],
  );
  assert.equal(b.mac?.hardenedRuntime, true);
  assert.equal(b.npmRebuild, true, 'native modules are rebuilt for Electron');
  for (const mod of ['better-sqlite3', 'node-hid', 'usb']) assert.ok((b.asarUnpack as string[]).some((p) => p.includes(`node_modules/${mod}/`)), `${mod} is unpacked from the asar`);
  assert.equal(pkg.scripts['dist'], 'node scripts/build.mjs && electron-builder --publish never');
});

test('the deb installs the udev rule, and every file the configuration names exists', () => {
  const rule = 'native/udev/70-hearth-avalon.rules';
  assert.deepEqual(pkg.build.deb?.fpm, [`${rule}=/lib/udev/rules.d/70-hearth-avalon.rules`]);
  assert.ok(existsSync(join(root, rule)), rule);
  assert.match(readFileSync(join(root, rule), 'utf8'), /ATTRS\{idVendor\}=="29f1"/);
  for (const icon of [pkg.build.mac?.icon, pkg.build.win?.icon]) assert.ok(icon && existsSync(join(root, icon)), String(icon));
  for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) assert.ok(existsSync(join(root, String(pkg.build.linux?.icon), `${size}x${size}.png`)), `${size}px`);
});
