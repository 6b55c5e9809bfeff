// The Electron shell: lifecycle only. Everything else lives in the core
// (electron/core), which never imports electron.
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { createHearthService, type HearthService } from '../core/app/service.js';
import { bindIpc } from './ipc.js';
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
let quitting = false;

function openWindow(): BrowserWindow {
  return createMainWindow(join(distDir, 'electron', 'preload.cjs'));
}

async function start(): Promise<void> {
  hardenApp(app, session.defaultSession);
  handleRendererScheme(protocol, join(distDir, 'renderer'));
  service = await createHearthService({
    dataDir: app.getPath('userData'),
    host: 'electron',
    demo,
    version: app.getVersion(),
  });
  unbindIpc = bindIpc(ipcMain, service, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('activate', () => {
    if (service && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Stop polling and flush saved state before the process goes away.
  app.on('before-quit', (event) => {
    if (quitting || !service) return;
    event.preventDefault();
    quitting = true;
    unbindIpc?.();
    void service.close().finally(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('Hearth could not start:', error);
    app.exit(1);
  });
}
