// Secret storage: sealed by the OS (a stand-in sealer here), refused on a
// headless host unless the user opted in, never left behind after delete.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  SecretStoreError,
  createHeadlessSecretStore,
  createMemorySecretStore,
  createSealedFileSecretStore,
  type Sealer,
} from '../../../electron/core/alerts/secret-store.js';

const dir = mkdtempSync(join(tmpdir(), 'hearth-secrets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

/** Stands in for safeStorage: a reversible transform whose output does not contain the input. */
const sealer: Sealer = {
  seal: (s) => Buffer.from(Buffer.from(`sealed:${s}`, 'utf8').map((b) => b ^ 0x5a)),
  unseal: (b) => {
    const text = Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8');
    if (!text.startsWith('sealed:')) throw new Error('bad key');
    return text.slice('sealed:'.length);
  },
};

test('sealed store: round trip, nothing readable on disk, survives a restart', async () => {
  const path = join(dir, 'sealed.json');
  const store = createSealedFileSecretStore(path, sealer);
  assert.equal(store.protection, 'os');
  await store.set('alerts.telegram.botToken', TOKEN);
  assert.equal(await store.get('alerts.telegram.botToken'), TOKEN);
  const onDisk = readFileSync(path, 'utf8');
  assert.ok(!onDisk.includes(TOKEN) && !onDisk.includes('AAHdqTcv'));
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const again = createSealedFileSecretStore(path, sealer);
  assert.equal(await again.get('alerts.telegram.botToken'), TOKEN);
  assert.equal(await again.get('alerts.discord.webhookUrl'), undefined);
});

test('a secret the OS can no longer decrypt is reported, not returned garbled', async () => {
  const path = join(dir, 'rekeyed.json');
  await createSealedFileSecretStore(path, sealer).set('k', TOKEN);
  const otherKey: Sealer = { seal: sealer.seal, unseal: () => { throw new Error('wrong key'); } };
  await assert.rejects(createSealedFileSecretStore(path, otherKey).get('k'), (e: unknown) => e instanceof SecretStoreError && e.code === 'unreadable');
});

test('headless without opt-in refuses to store; with opt-in keeps a 0600 plain file', async () => {
  const refusing = createHeadlessSecretStore(join(dir, 'none.json'), { allowPlainFile: false });
  assert.equal(refusing.protection, 'none');
  await assert.rejects(refusing.set('alerts.ntfy.accessToken', 'tk_x1234'), (e: unknown) => e instanceof SecretStoreError && e.code === 'refused');
  assert.equal(await refusing.get('alerts.ntfy.accessToken'), undefined);
  assert.throws(() => statSync(join(dir, 'none.json')), /ENOENT/);

  const path = join(dir, 'plain.json');
  const plain = createHeadlessSecretStore(path, { allowPlainFile: true });
  assert.equal(plain.protection, 'plain-file');
  await plain.set('alerts.ntfy.accessToken', 'tk_x1234');
  assert.equal(await plain.get('alerts.ntfy.accessToken'), 'tk_x1234');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  // A sealed host must not read this file as ciphertext.
  await assert.rejects(createSealedFileSecretStore(path, sealer).get('alerts.ntfy.accessToken'), (e: unknown) => e instanceof SecretStoreError && e.code === 'unreadable');
});

test('delete leaves no copy of the secret, backup included', async () => {
  const path = join(dir, 'delete.json');
  const store = createHeadlessSecretStore(path, { allowPlainFile: true });
  await store.set('a', 'first-secret-value');
  await store.set('b', 'second-secret-value');
  await store.delete('a');
  assert.equal(await store.get('a'), undefined);
  assert.equal(await store.get('b'), 'second-secret-value');
  for (const file of [path, `${path}.bak`]) assert.ok(!readFileSync(file, 'utf8').includes('first-secret-value'), file);
});

test('bad keys and values are refused', async () => {
  const store = createMemorySecretStore();
  await assert.rejects(store.set('../etc/passwd', 'x'), (e: unknown) => e instanceof SecretStoreError && e.code === 'invalid');
  await assert.rejects(store.set('ok.key', ''), (e: unknown) => e instanceof SecretStoreError && e.code === 'invalid');
  await assert.rejects(store.set('ok.key', 'x'.repeat(5000)), (e: unknown) => e instanceof SecretStoreError && e.code === 'invalid');
  writeFileSync(join(dir, 'junk.json'), '{"version":1,"protection":"plain-file","secrets":{"a":"b"}}');
  assert.equal(await createHeadlessSecretStore(join(dir, 'junk.json'), { allowPlainFile: true }).get('a'), 'b');
});

test('changes made at the same moment (alerts and USB pools share the store) are all kept', async () => {
  const path = join(dir, 'concurrent.json');
  const store = createSealedFileSecretStore(path, sealer);
  await store.set('usb.pool.old', 'gone-soon');
  await Promise.all([
    ...Array.from({ length: 8 }, (_, i) => store.set(`usb.pool.${i}`, `password-${i}`)),
    store.set('alerts.telegram.botToken', TOKEN),
    store.delete('usb.pool.old'),
  ]);
  const again = createSealedFileSecretStore(path, sealer);
  for (let i = 0; i < 8; i++) assert.equal(await again.get(`usb.pool.${i}`), `password-${i}`);
  assert.equal(await again.get('alerts.telegram.botToken'), TOKEN);
  assert.equal(await again.get('usb.pool.old'), undefined);
});
