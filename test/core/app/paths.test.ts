import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { defaultDataDir, resolveDataDir } from '../../../electron/core/app/paths.js';

test('the default data folder follows each platform', () => {
  assert.equal(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ann' }), '/home/ann/.config/hearth');
  assert.equal(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ann' }), '/xdg/hearth');
  // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
  assert.equal(defaultDataDir({ platform: 'freebsd', env: { XDG_CONFIG_HOME: 'rel' }, home: '/home/ann' }), '/home/ann/.config/hearth');
  assert.equal(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ann' }), '/Users/ann/Library/Application Support/Hearth');
  assert.equal(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, home: 'C:\\Users\\ann' }), 'C:\\Users\\ann\\AppData\\Roaming\\Hearth');
  assert.equal(defaultDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\ann' }), 'C:\\Users\\ann\\AppData\\Roaming\\Hearth');
});

test('--data-dir wins over HEARTH_DATA_DIR, which wins over the default', () => {
  const p = { platform: 'linux' as const, env: { HEARTH_DATA_DIR: '/srv/hearth' }, home: '/home/ann' };
  assert.equal(resolveDataDir('/tmp/x', p), '/tmp/x');
  assert.equal(resolveDataDir('rel', p), path.resolve('rel'));
  assert.equal(resolveDataDir(undefined, p), '/srv/hearth');
  assert.equal(resolveDataDir('  ', { ...p, env: {} }), '/home/ann/.config/hearth');
});
