// Settings on disk: the host's language (Electron: the OS locale) applies
// until the user picks one; a saved choice wins over it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import { DEFAULT_SETTINGS, SETTINGS_FILE, SettingsStore } from '../../../electron/core/app/settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('starts in English without a host language, and in the host language when given', async () => {
  assert.deepEqual((await SettingsStore.open(dir)).store.get(), DEFAULT_SETTINGS);
  assert.equal(DEFAULT_SETTINGS.language, 'en');
  const { store } = await SettingsStore.open(dir, { language: 'zh-CN' });
  assert.deepEqual(store.get(), { ...DEFAULT_SETTINGS, language: 'zh-CN' });
  assert.equal(existsSync(join(dir, SETTINGS_FILE)), false, 'a default is not written');
});

it('a language in the file wins over the host language; other settings keep the host language', async () => {
  writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ language: 'en' }));
  assert.equal((await SettingsStore.open(dir, { language: 'zh-CN' })).store.get().language, 'en');

  writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ pollIntervalMs: 10_000 }));
  const { store } = await SettingsStore.open(dir, { language: 'zh-CN' });
  assert.deepEqual(store.get(), { pollIntervalMs: 10_000, language: 'zh-CN', theme: 'system' });
  await store.set({ theme: 'dark' });
  assert.deepEqual(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')), { pollIntervalMs: 10_000, language: 'zh-CN', theme: 'dark' });
});
