// The Electron shell: lifecycle only. Everything else lives in the core
// (electron/core), which never imports electron.
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import type { Settings } from '../contract/api.js';
import { createHearthService, type HearthService } from '../core/app/service.js';
import { ELECTRON_BINDING_DIR } from '../core/history/electron-binding.js';
import { bindIpc } from './ipc.js';
import { bindAlertNotifications } from './notifications.js';
import { createDesktopSecretStore } from './secrets.js';
import { languageForLocale } from './texts.js';
import { createTray } from './tray.js';
import { handleRendererScheme, registerRendererScheme } from './renderer-protocol.js';
import { createMainWindow, hardenApp } from './window.js';

// This file is bundled to dist/electron/main.cjs; the renderer and preload
// bundles sit beside it.
const distDir = join(__dirname, '..');
const demo = process.argv.includes('--demo');

registerRendererScheme(protocol);
app.enableSandbox();

let service: HearthService | undefined;
let unbindIpc: (() => void) | undefined;
let unbindNotifications: (() => void) | undefined;
let tray: { destroy(): void } | undefined;
let quitting = false;

function openWindow(): BrowserWindow {
  return createMainWindow(join(distDir, 'electron', 'preload.cjs'));
}

/** The tray's Open, a notification click, a second launch: show the window, making one if it was closed. */
function showWindow(): void {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) {
    if (service) openWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function start(): Promise<void> {
  hardenApp(app, session.defaultSession);
  handleRendererScheme(protocol, join(distDir, 'renderer'));
  const userData = app.getPath('userData');
  service = await createHearthService({
    dataDir: userData,
    host: 'electron',
    demo,
    version: app.getVersion(),
    // Until the user picks a language, the OS's (app.getLocale() answers only after 'ready').
    language: languageForLocale(app.getLocale()),
    // safeStorage answers only after 'ready'; without a real OS key no token is saved
    // and USB pool passwords stay in their 0600 file.
    secrets: createDesktopSecretStore(safeStorage, userData, process.platform),
    // `npm start` runs Electron on a checkout whose node_modules holds the
    // Node build of better-sqlite3; scripts/electron-natives.mjs puts the
    // Electron build here. Installers rebuild node_modules for Electron.
    history: { store: { electronBindingDir: app.isPackaged ? undefined : join(app.getAppPath(), ELECTRON_BINDING_DIR) } },
  });
  unbindIpc = bindIpc(ipcMain, service, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  const { language } = (await service.handle('settings.get', {})) as Settings;
  unbindNotifications = bindAlertNotifications(service, showWindow, language);
  try {
    tray = createTray({ service, iconsDir: join(distDir, 'assets', 'icons'), openWindow: showWindow, platform: process.platform, language });
  } catch (error) {
    // A desktop without a tray area: the app still works, and closing the window quits it.
    console.warn('Hearth: no tray icon:', error);
  }
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('activate', () => {
    if (service && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  // With the tray, closing the window keeps Hearth watching (and alerting); Quit is in the tray menu.
  app.on('window-all-closed', () => {
    if (!tray && process.platform !== 'darwin') app.quit();
  });
  // Stop polling and flush saved state before the process goes away.
  app.on('before-quit', (event) => {
    if (quitting || !service) return;
    event.preventDefault();
    quitting = true;
    unbindIpc?.();
    unbindNotifications?.();
    tray?.destroy();
    tray = undefined;
    void service.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Hearth could not start:', error);
      app.exit(1);
    });
}
