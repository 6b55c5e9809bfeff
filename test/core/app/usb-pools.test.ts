// The USB pool list on disk: passwords kept for the stratum client only,
// never returned, the file readable by the user alone.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import { USB_POOLS_FILE, UsbPoolError, UsbPoolStore } from '../../../electron/core/app/usb-pools.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-usb-pools-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fileText = (suffix = '') => readFileSync(join(dir, USB_POOLS_FILE + suffix), 'utf8');

it('saves pools with mode 0600, never hands out passwords, and keeps a password when none is sent', async () => {
  const { store, problems } = await UsbPoolStore.open(dir);
  assert.deepEqual(problems, []);
  assert.deepEqual(store.list(), []);
  const listed = await store.set([
    { url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb', password: 's3cret' },
    { url: 'backup.example.com:443', worker: 'me.b', password: '' },
  ]);
  assert.deepEqual(listed, [
    { url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb', hasPassword: true },
    { url: 'backup.example.com:443', worker: 'me.b', hasPassword: false },
  ]);
  assert.ok(!JSON.stringify(listed).includes('s3cret'));
  if (process.platform !== 'win32') assert.equal(statSync(join(dir, USB_POOLS_FILE)).mode & 0o777, 0o600);

  // Reordered, password omitted: the saved one stays with its url and worker.
  await store.set([
    { url: 'backup.example.com:443', worker: 'me.b' },
    { url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb' },
  ]);
  const reopened = (await UsbPoolStore.open(dir)).store;
  assert.deepEqual(reopened.configs(), [
    { url: 'backup.example.com:443', user: 'me.b' },
    { url: 'stratum+tcp://pool.example.com:3333', user: 'me.usb', password: 's3cret' },
  ]);
  if (process.platform !== 'win32') assert.equal(statSync(join(dir, `${USB_POOLS_FILE}.bak`)).mode & 0o777, 0o600);
});

it('leaves no copy of a removed or changed password, not even in the backup', async () => {
  const { store } = await UsbPoolStore.open(dir);
  await store.set([{ url: 'pool.example.com:3333', worker: 'w', password: 'old-secret' }]);
  await store.set([{ url: 'pool.example.com:3333', worker: 'w' }]); // kept: the backup may hold it
  await store.set([{ url: 'pool.example.com:3333', worker: 'w', password: 'new-secret' }]);
  assert.ok(!fileText().includes('old-secret'));
  assert.ok(!fileText('.bak').includes('old-secret'));
  await store.set([]);
  assert.ok(!fileText().includes('new-secret') && !fileText('.bak').includes('new-secret'));
  assert.deepEqual(store.list(), []);
});

it('refuses urls the stratum client cannot use and duplicates, keeping what was saved', async () => {
  const { store } = await UsbPoolStore.open(dir);
  await store.set([{ url: 'pool.example.com:3333', worker: 'w' }]);
  await assert.rejects(store.set([{ url: 'stratum+ssl://pool.example.com:443', worker: 'w' }]), (e: unknown) => e instanceof UsbPoolError && /pool 1: .*TLS pools are not supported/.test(e.message));
  await assert.rejects(store.set([{ url: 'http://pool.example.com', worker: 'w' }]), (e: unknown) => e instanceof UsbPoolError && /unsupported scheme/.test(e.message));
  await assert.rejects(
    store.set([
      { url: 'a.example.com:1', worker: 'w' },
      { url: 'a.example.com:1', worker: 'w' },
    ]),
    (e: unknown) => e instanceof UsbPoolError && /pool 2: .*listed twice/.test(e.message),
  );
  assert.deepEqual(store.list(), [{ url: 'pool.example.com:3333', worker: 'w', hasPassword: false }]);
});

it('moves an unreadable file aside and starts empty', async () => {
  writeFileSync(join(dir, USB_POOLS_FILE), '{"version":1,"pools":[{"url":5}]}');
  const { store, problems } = await UsbPoolStore.open(dir);
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.reason ?? '', /unexpected content/);
  assert.deepEqual(store.list(), []);
});
