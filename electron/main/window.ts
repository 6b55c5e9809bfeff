// The main window and the app-wide hardening from Electron's security
// checklist: isolated, sandboxed renderer without Node; no navigation away
// from the app, no new windows, no webviews, no permissions.
import { BrowserWindow, nativeTheme, shell, type App, type Session, type WebContents } from 'electron';
import { RENDERER_ENTRY, RENDERER_ORIGIN } from './renderer-protocol.js';

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function isAppUrl(url: string): boolean {
  try {
    // URL.origin is "null" for custom schemes, so compare scheme and host.
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === RENDERER_ORIGIN;
  } catch {
    return false;
  }
}

/** Links to the project's public pages open in the user's browser; nothing else opens at all. */
function isExternalHelpLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === 'github.com';
  } catch {
    return false;
  }
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHelpLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenApp(app: App, session: Session): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Hearth',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#f6f7f9',
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(RENDERER_ENTRY);
  return window;
}
