// The secret store the desktop app hands to the core: tokens sealed with the
// operating system's key (safeStorage: Keychain, DPAPI, libsecret/kwallet).
// Where the OS offers no real protection (Linux without a keyring, where
// Electron falls back to a hard-coded key, "basic_text"), tokens are not
// saved at all rather than saved in a file anyone can decrypt.
import type { SafeStorage } from 'electron';
import { join } from 'node:path';
import { createHeadlessSecretStore, createSealedFileSecretStore, SECRETS_FILE, type SecretStore } from '../core/alerts/secret-store.js';

type Sealing = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/** Whether safeStorage protects secrets with a key only the OS user holds. Call after app 'ready'. */
export function osSealingAvailable(safeStorage: Sealing, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

export function createDesktopSecretStore(safeStorage: Sealing, userData: string, platform: NodeJS.Platform): SecretStore {
  const path = join(userData, SECRETS_FILE);
  if (!osSealingAvailable(safeStorage, platform)) return createHeadlessSecretStore(path, { allowPlainFile: false });
  return createSealedFileSecretStore(path, {
    seal: (plain) => safeStorage.encryptString(plain),
    unseal: (sealed) => safeStorage.decryptString(sealed),
  });
}
