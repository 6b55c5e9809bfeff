// The USB pool list on disk: passwords kept for the stratum client only,
// never returned, the file readable by the user alone; sealed with the OS key
// where the host has one (migrating a plain file), the file otherwise.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import { unzipSync } from 'fflate';
import { createHearthService } from '../../../electron/core/app/service.js';
import { startSimulation } from '../../../electron/core/sim/index.js';
import { poolSecretKey, USB_POOLS_FILE, UsbPoolError, UsbPoolStore } from '../../../electron/core/app/usb-pools.js';
import {
  createHeadlessSecretStore,
  createMemorySecretStore,
  createSealedFileSecretStore,
  SECRETS_FILE,
  SecretStoreError,
  type Sealer,
  type SecretStore,
} from '../../../electron/core/alerts/secret-store.js';

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

// OS sealing (Electron's safeStorage through the core's SecretStore): a stand-in sealer that reverses and tags.
const sealer: Sealer = {
  seal: (plain) => Buffer.from(`sealed:${[...plain].reverse().join('')}`),
  unseal: (sealed) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('wrong key');
    return [...text.slice('sealed:'.length)].reverse().join('');
  },
};
const sealedStore = () => createSealedFileSecretStore(join(dir, SECRETS_FILE), sealer);
const secretsText = () => readFileSync(join(dir, SECRETS_FILE), 'utf8');
const poolsText = () => fileText() + (existsSync(join(dir, `${USB_POOLS_FILE}.bak`)) ? fileText('.bak') : '');
const POOL = { url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb' };

/** A store with OS protection whose writes fail (a locked keyring), or whose sealed copies read back wrong. */
function failingOsStore(mode: 'refuse' | 'garble'): SecretStore {
  const inner = createMemorySecretStore();
  return {
    protection: 'os',
    get: async (key) => ((await inner.get(key)) === undefined ? undefined : mode === 'garble' ? 'garbled' : inner.get(key)),
    set: async (key, value) => {
      if (mode === 'refuse') throw new SecretStoreError('unreadable', 'the keyring is locked');
      await inner.set(key, value);
    },
    delete: (key) => inner.delete(key),
  };
}

it('with OS sealing, passwords live in the secret store: never in the pools file or its backup', async () => {
  const { store } = await UsbPoolStore.open(dir, { secrets: sealedStore() });
  await store.set([
    { ...POOL, password: 'first-pool-pass' },
    { url: 'backup.example.com:443', worker: 'me.b', password: '' },
  ]);
  assert.deepEqual(JSON.parse(fileText()), { version: 1, pools: [{ ...POOL, sealed: true }, { url: 'backup.example.com:443', worker: 'me.b' }] });
  assert.ok(!secretsText().includes('first-pool-pass'));
  assert.deepEqual(Object.keys((JSON.parse(secretsText()) as { secrets: object }).secrets), [poolSecretKey(POOL)]);
  assert.deepEqual(store.list().map((p) => p.hasPassword), [true, false]);

  // A new start (a fresh store reading the same files) gets the password back.
  const reopened = (await UsbPoolStore.open(dir, { secrets: sealedStore() })).store;
  assert.deepEqual(reopened.configs()[0], { url: POOL.url, user: POOL.worker, password: 'first-pool-pass' });
  assert.deepEqual(reopened.passwords(), ['first-pool-pass']);

  // Kept when none is sent, replaced when one is, deleted with its pool.
  await reopened.set([{ ...POOL }]);
  await reopened.set([{ ...POOL, password: 'second-pool-pass' }]);
  assert.deepEqual((await UsbPoolStore.open(dir, { secrets: sealedStore() })).store.configs(), [{ url: POOL.url, user: POOL.worker, password: 'second-pool-pass' }]);
  await reopened.set([{ url: 'other.example.com:3333', worker: 'me.usb' }]);
  assert.equal(await sealedStore().get(poolSecretKey(POOL)), undefined);
  assert.ok(!poolsText().includes('pool-pass') && !secretsText().includes('pool-pass'));
});

it('migrates a plain pools file into the OS secret store on first load, leaving no plain copy', async () => {
  writeFileSync(join(dir, USB_POOLS_FILE), JSON.stringify({ version: 1, pools: [{ ...POOL, password: 'old-plain-pass' }, { url: 'b.example.com:1', worker: 'w', password: '' }] }), { mode: 0o600 });
  const notices: string[] = [];
  const { store } = await UsbPoolStore.open(dir, { secrets: sealedStore(), log: (m) => notices.push(m) });
  assert.deepEqual(notices, []);
  assert.deepEqual(store.configs(), [{ url: POOL.url, user: POOL.worker, password: 'old-plain-pass' }, { url: 'b.example.com:1', user: 'w' }]);
  assert.ok(!poolsText().includes('old-plain-pass'), 'neither the file nor its backup holds it');
  assert.equal(await sealedStore().get(poolSecretKey(POOL)), 'old-plain-pass');
  if (process.platform !== 'win32') assert.equal(statSync(join(dir, USB_POOLS_FILE)).mode & 0o777, 0o600);
  // Already migrated: the next start reads it from the store.
  assert.deepEqual((await UsbPoolStore.open(dir, { secrets: sealedStore() })).store.passwords(), ['old-plain-pass']);
});

it('keeps a plain password in its file when the OS store refuses it or it does not read back', async () => {
  for (const mode of ['refuse', 'garble'] as const) {
    const original = JSON.stringify({ version: 1, pools: [{ ...POOL, password: 'kept-plain-pass' }] });
    writeFileSync(join(dir, USB_POOLS_FILE), original, { mode: 0o600 });
    const notices: string[] = [];
    const { store } = await UsbPoolStore.open(dir, { secrets: failingOsStore(mode), log: (m) => notices.push(m) });
    assert.equal(fileText(), original, mode);
    assert.deepEqual(store.passwords(), ['kept-plain-pass'], mode);
    assert.equal(notices.length, 1, mode);
    assert.match(notices[0] ?? '', /USB pool 1 stays in usb-pools\.json \(mode 0600\)/);
    assert.ok(!notices[0]?.includes('kept-plain-pass'), 'notices never carry the password');
    // A new password that cannot be sealed is refused; nothing changes on disk.
    await assert.rejects(store.set([{ ...POOL, password: 'another-pass' }]), (e: unknown) => e instanceof UsbPoolError && /pool 1: the password could not be kept in the OS secret storage/.test(e.message));
    assert.equal(fileText(), original);
    assert.deepEqual(store.passwords(), ['kept-plain-pass']);
  }
});

it('without OS sealing (headless server), passwords stay in the 0600 file and no secret file is written', async () => {
  for (const secrets of [createHeadlessSecretStore(join(dir, SECRETS_FILE), { allowPlainFile: true }), createHeadlessSecretStore(join(dir, SECRETS_FILE), { allowPlainFile: false }), createMemorySecretStore()]) {
    const { store } = await UsbPoolStore.open(dir, { secrets });
    await store.set([{ ...POOL, password: `file-pass-${secrets.protection}` }]);
    assert.deepEqual(JSON.parse(fileText()), { version: 1, pools: [{ ...POOL, password: `file-pass-${secrets.protection}` }] });
    assert.equal(existsSync(join(dir, SECRETS_FILE)), false, secrets.protection);
    if (process.platform !== 'win32') assert.equal(statSync(join(dir, USB_POOLS_FILE)).mode & 0o777, 0o600);
  }
});

it('a sealed password this host cannot read is reported, not sent, and kept for the host that can', async () => {
  await (await UsbPoolStore.open(dir, { secrets: sealedStore() })).store.set([{ ...POOL, password: 'desktop-pass' }]);

  // The headless server on the same data folder: no OS store.
  const notices: string[] = [];
  const headless = (await UsbPoolStore.open(dir, { log: (m) => notices.push(m) })).store;
  assert.deepEqual(headless.list(), [{ ...POOL, hasPassword: false }]);
  assert.deepEqual(headless.configs(), [{ url: POOL.url, user: POOL.worker }]);
  assert.match(notices.join('\n'), /USB pool 1 is kept in the OS secret storage, which this host cannot use/);
  await headless.set([{ ...POOL }, { url: 'b.example.com:1', worker: 'w' }]);
  assert.deepEqual((await UsbPoolStore.open(dir, { secrets: sealedStore() })).store.passwords(), ['desktop-pass']);

  // The OS key changed: the sealed copy cannot be decrypted.
  writeFileSync(join(dir, SECRETS_FILE), JSON.stringify({ version: 1, protection: 'os', secrets: { [poolSecretKey(POOL)]: Buffer.from('other key').toString('base64') } }));
  const lost: string[] = [];
  const rekeyed = (await UsbPoolStore.open(dir, { secrets: sealedStore(), log: (m) => lost.push(m) })).store;
  assert.deepEqual(rekeyed.list()[0], { ...POOL, hasPassword: false });
  assert.match(lost.join('\n'), /USB pool 1 cannot be read .*can no longer be decrypted/);
  await rekeyed.set([{ ...POOL, password: 'entered-again' }]);
  assert.deepEqual((await UsbPoolStore.open(dir, { secrets: sealedStore() })).store.passwords(), ['entered-again']);
});

it('saves one change at a time: concurrent saves do not lose a sealed password', async () => {
  const { store } = await UsbPoolStore.open(dir, { secrets: sealedStore() });
  await Promise.all([store.set([{ ...POOL, password: 'concurrent-1' }]), store.set([{ ...POOL }, { url: 'b.example.com:1', worker: 'w', password: 'concurrent-2' }])]);
  const reopened = (await UsbPoolStore.open(dir, { secrets: sealedStore() })).store;
  assert.deepEqual(reopened.passwords(), ['concurrent-1', 'concurrent-2']);
});

it('through the service: a sealed pool password is in no file, log or support bundle, even where a device prints it', async () => {
  // The user reuses their USB pool password on an Avalon Q, which prints pool passwords in its replies.
  const password = 'Reused-Usb-Pool-Pass-41';
  const sim = await startSimulation({ count: 1, base: '127.0.93.240', port: 0, seed: 2, models: ['avalon-q'] });
  const service = await createHearthService({ dataDir: dir, host: 'electron', version: '1.2.3', log: () => undefined, secrets: sealedStore(), diagnostics: { health: { timeoutMs: 1500, poolTimeoutMs: 300 } } });
  try {
    const target = sim.targets[0]!;
    sim.devices[0]!.pools.forEach((p) => {
      p.url = 'stratum+tcp://127.0.93.241:3333';
      p.password = password;
    });
    const record = (await service.handle('device.add', { host: target.host, port: target.port })) as { id: string };
    await service.handle('usb.pools.set', { pools: [{ ...POOL, password }] });
    assert.ok(!poolsText().includes(password) && !secretsText().includes(password));

    const exported = (await service.handle('diagnostics.exportBundle', { id: record.id })) as { base64: string };
    const bytes = Buffer.from(exported.base64, 'base64');
    const inflated = Object.values(unzipSync(bytes)).map((b) => Buffer.from(b).toString('utf8'));
    assert.ok(inflated.some((t) => t.includes('127.0.93.241')), 'the device pools are in the bundle');
    assert.equal(bytes.indexOf(password), -1);
    for (const text of inflated) assert.ok(!text.includes(password), 'no bundle entry holds the password');
    const logs = (await service.handle('logs.query', {})) as { entries: unknown[] };
    assert.ok(logs.entries.length > 0);
    assert.ok(!JSON.stringify(logs.entries).includes(password), 'the app log does not hold it');
  } finally {
    await service.close();
    await sim.close();
  }
});
