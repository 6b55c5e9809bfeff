// No Electron binary runs in CI, so this loads the real main-process bundle
// with a stand-in for the `electron` module and checks what it asks Electron
// to do: window security options, the CSP it serves, the IPC channel it binds
// and its validation, navigation/window-open blocking, the tray and its menu,
// desktop notifications for raised alerts (both in the app's language, by
// default the OS's), OS-sealed tokens and USB pool passwords, and a clean quit.
import { build } from 'esbuild';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/security/csp.js';

const repoRoot = join(import.meta.dirname, '..', '..');
/** Loopback, history block; nothing listens here. */
const DEAD_HOST = '127.0.94.250';
/** A pool password saved by a Hearth that kept it in the pools file: moved to the OS storage at start. */
const OLD_POOL = { url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb', password: 'plain-pool-pass' };

type Handler = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: Handler | undefined;
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
}

interface MenuItem {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}

class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  title = '';
  menu: MenuItem[] = [];
  destroyed = false;
  constructor(readonly image: { path: string }) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setContextMenu(menu: { items: MenuItem[] }) {
    this.menu = menu.items;
  }
  destroy() {
    this.destroyed = true;
  }
}

class FakeNotification extends EventEmitter {
  static shown: { title: string; body: string; urgency?: string }[] = [];
  static isSupported() {
    return true;
  }
  constructor(readonly options: { title: string; body: string; urgency?: string }) {
    super();
  }
  show() {
    FakeNotification.shown.push(this.options);
  }
}

/** Seals by reversing and tagging: enough to tell sealed bytes from the plain token. */
const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain: string) => Buffer.from(`sealed:${[...plain].reverse().join('')}`),
  decryptString: (sealed: Buffer) => [...sealed.toString().slice('sealed:'.length)].reverse().join(''),
};

function makeElectronStandIn(userData: string, appPath: string) {
  const windows: FakeWindow[] = [];
  const ipcHandlers = new Map<string, Handler>();
  const calls = {
    enableSandbox: 0,
    quit: 0,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, Handler>(),
    permissionRequestHandler: undefined as Handler | undefined,
    permissionCheckHandler: undefined as Handler | undefined,
    openedExternally: [] as string[],
    exitCode: undefined as number | undefined,
    openAtLogin: false,
  };
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  class FakeWindow extends EventEmitter {
    static getAllWindows() {
      return windows;
    }
    webContents = new FakeWebContents();
    loadedUrl: string | undefined;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const app = Object.assign(new EventEmitter(), {
    enableSandbox: () => void calls.enableSandbox++,
    requestSingleInstanceLock: () => true,
    whenReady: () => ready,
    getPath: (name: string) => {
      assert.equal(name, 'userData');
      return userData;
    },
    getVersion: () => '0.0.0-test',
    // A Chinese desktop: the tray and notifications start in Chinese until the user picks a language.
    getLocale: () => 'zh-CN',
    // Run from a checkout, as `npm start` does: the app folder is the work folder.
    isPackaged: false,
    getAppPath: () => appPath,
    quit() {
      calls.quit++;
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.emit('quit');
    },
    exit(code: number) {
      calls.exitCode = code;
    },
    getLoginItemSettings: () => ({ openAtLogin: calls.openAtLogin }),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => void (calls.openAtLogin = s.openAtLogin),
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        assert.ok(!ipcHandlers.has(channel), `channel ${channel} bound twice`);
        ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: Handler) => calls.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => (calls.permissionRequestHandler = h),
        setPermissionCheckHandler: (h: Handler) => (calls.permissionCheckHandler = h),
      },
    },
    nativeTheme: { shouldUseDarkColors: false },
    Tray: FakeTray,
    Menu: { buildFromTemplate: (items: MenuItem[]) => ({ items }) },
    Notification: FakeNotification,
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    safeStorage: fakeSafeStorage,
    shell: { openExternal: async (url: string) => void calls.openedExternally.push(url) },
  };
  return { electron, windows, ipcHandlers, calls, markReady };
}

describe('Electron main process (with a stand-in electron module)', () => {
  const work = mkdtempSync(join(tmpdir(), 'hearth-main-'));
  const userData = join(work, 'user-data');
  const standIn = makeElectronStandIn(userData, work);
  // `npm start` runs the core inside Electron, where history must use the
  // Electron build of better-sqlite3 in <app folder>/native/electron. Here a
  // stand-in process.versions.electron, and the Node build copied under the
  // Electron build's name (a real Electron build cannot load under Node).
  const requireHere = createRequire(import.meta.url);
  const sqliteDir = dirname(requireHere.resolve('better-sqlite3/package.json'));
  const sqliteVersion = (requireHere('better-sqlite3/package.json') as { version: string }).version;
  const electronBuild = join(work, 'native', 'electron', `better-sqlite3-${sqliteVersion}-electron-45.5.0-${process.platform}-${process.arch}.node`);
  type LoadFn = (request: string, ...rest: unknown[]) => unknown;
  const moduleWithLoad = Module as unknown as { _load: LoadFn };
  const originalLoad = moduleWithLoad._load;

  before(async () => {
    // Bundle the real main process exactly as scripts/build.mjs does, into a
    // folder laid out like dist/ with a renderer page beside it.
    mkdirSync(join(work, 'renderer'), { recursive: true });
    writeFileSync(join(work, 'renderer', 'index.html'), '<!doctype html><title>Hearth</title>');
    // One saved device where nothing listens (loopback, refused at once), and
    // an offline rule that raises at the first failed poll: one alert to notify.
    mkdirSync(userData, { recursive: true });
    const device = { id: `${DEAD_HOST}:4028`, host: DEAD_HOST, port: 4028, nickname: 'garage', source: 'manual', addedAt: Date.now() };
    writeFileSync(join(userData, 'devices.json'), JSON.stringify({ version: 1, devices: [device] }));
    writeFileSync(join(userData, 'alert-settings.json'), JSON.stringify({ alerts: { rules: { offline: { failedPolls: 1, afterS: 0, clearHoldS: 0 } } } }));
    writeFileSync(join(userData, 'usb-pools.json'), JSON.stringify({ version: 1, pools: [OLD_POOL] }), { mode: 0o600 });
    await build({
      entryPoints: { main: join(repoRoot, 'electron/main/index.ts') },
      outdir: join(work, 'electron'),
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: ['node20'],
      external: ['electron', 'usb', 'node-hid', 'better-sqlite3'],
      // CommonJS has no import.meta: the same stand-in as scripts/build.mjs (core modules locate files with it).
      define: { 'import.meta.url': '__hearthImportMetaUrl' },
      banner: { js: "const __hearthImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      logLevel: 'error',
    });
    moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
      if (request === 'electron') return standIn.electron;
      return originalLoad.call(this, request, ...rest);
    };
    // The app folder's node_modules, as in a checkout (better-sqlite3's JavaScript is found from the bundle).
    symlinkSync(join(repoRoot, 'node_modules'), join(work, 'node_modules'), 'junction');
    Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true, enumerable: true });
    mkdirSync(dirname(electronBuild), { recursive: true });
    copyFileSync(join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'), electronBuild);
    createRequire(import.meta.url)(join(work, 'electron', 'main.cjs'));
    standIn.markReady();
    // start() is async: wait until the window exists.
    for (let i = 0; i < 200 && standIn.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  });

  after(() => {
    Reflect.deleteProperty(process.versions, 'electron');
    moduleWithLoad._load = originalLoad;
    rmSync(work, { recursive: true, force: true });
  });

  it('opens one window with the security checklist applied', () => {
    assert.equal(standIn.calls.enableSandbox, 1);
    assert.equal(standIn.windows.length, 1);
    const prefs = standIn.windows[0]!.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.preload, join(work, 'electron', 'preload.cjs'));
    assert.equal(standIn.windows[0]!.loadedUrl, 'hearth://app/index.html');
  });

  it('serves the renderer from its own scheme with the strict CSP, and nothing outside it', async () => {
    assert.deepEqual(standIn.calls.privilegedSchemes, [
      { scheme: 'hearth', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const handler = standIn.calls.protocolHandlers.get('hearth');
    assert.ok(handler, 'hearth:// handler registered');
    const page = (await handler({ url: 'hearth://app/index.html' })) as Response;
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|https?:/);
    assert.match(await page.text(), /<title>Hearth<\/title>/);
    for (const url of ['hearth://app/../electron/main.cjs', 'hearth://app/%2e%2e/electron/main.cjs', 'hearth://other/index.html']) {
      const refused = (await handler({ url })) as Response;
      assert.equal(refused.status, 404, url);
    }
  });

  it('denies every permission, navigation away, new windows and webviews', () => {
    let granted: boolean | undefined;
    standIn.calls.permissionRequestHandler!({}, 'media', (ok: boolean) => (granted = ok));
    assert.equal(granted, false);
    assert.equal(standIn.calls.permissionCheckHandler!(), false);

    const contents = standIn.windows[0]!.webContents;
    const attempt = (eventName: string, url?: string) => {
      let prevented = false;
      contents.emit(eventName, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    assert.equal(attempt('will-navigate', 'https://evil.example/'), true);
    assert.equal(attempt('will-navigate', 'file:///etc/passwd'), true);
    assert.equal(attempt('will-navigate', 'hearth://app/index.html'), false);
    assert.equal(attempt('will-redirect', 'http://127.0.0.1/'), true);
    assert.equal(attempt('will-attach-webview'), true);
    assert.deepEqual(contents.windowOpenHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler!({ url: 'https://github.com/hearth' }), { action: 'deny' });
    assert.deepEqual(standIn.calls.openedExternally, ['https://github.com/hearth']);
  });

  it('binds exactly one IPC channel and validates sender, envelope and params', async () => {
    assert.deepEqual([...standIn.ipcHandlers.keys()], ['hearth:request']);
    const invoke = standIn.ipcHandlers.get('hearth:request')!;
    const fromApp = { senderFrame: { url: 'hearth://app/index.html', parent: null } };

    const info = (await invoke(fromApp, { id: 1, method: 'app.info', params: {} })) as Record<string, unknown>;
    assert.equal(info.ok, true);
    assert.equal((info.result as { host: string }).host, 'electron');
    assert.equal((info.result as { version: string }).version, '0.0.0-test');

    const fromElsewhere = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const denied = (await invoke(fromElsewhere, { id: 2, method: 'app.info', params: {} })) as { ok: boolean; error: { code: string } };
    assert.deepEqual([denied.ok, denied.error.code], [false, 'unauthorized']);

    const fromSubframe = { senderFrame: { url: 'hearth://app/index.html', parent: {} } };
    const subframe = (await invoke(fromSubframe, { id: 3, method: 'app.info', params: {} })) as { ok: boolean; error: { code: string } };
    assert.deepEqual([subframe.ok, subframe.error.code], [false, 'unauthorized']);

    const malformed = (await invoke(fromApp, 'app.info')) as { ok: boolean; error: { code: string } };
    assert.deepEqual([malformed.ok, malformed.error.code], [false, 'invalid-params']);

    const unknown = (await invoke(fromApp, { id: 4, method: 'shell.exec', params: {} })) as { ok: boolean; error: { code: string } };
    assert.deepEqual([unknown.ok, unknown.error.code], [false, 'unknown-method']);

    const badParams = (await invoke(fromApp, { id: 5, method: 'device.add', params: { host: 'a b; rm -rf', port: 99999 } })) as {
      ok: boolean;
      error: { code: string };
    };
    assert.deepEqual([badParams.ok, badParams.error.code], [false, 'invalid-params']);

    const privileged = (await invoke(fromApp, { id: 6, method: 'device.raw', params: { id: 'x:4028', command: 'ascset', parameter: '0,reboot' } })) as {
      ok: boolean;
      error: { code: string };
    };
    assert.deepEqual([privileged.ok, privileged.error.code], [false, 'invalid-params']);
  });

  it('from a checkout, opens history with the Electron build of better-sqlite3 in native/electron', async () => {
    const invoke = standIn.ipcHandlers.get('hearth:request')!;
    const fromApp = { senderFrame: { url: 'hearth://app/index.html', parent: null } };
    const status = (await invoke(fromApp, { id: 1, method: 'history.status', params: {} })) as { ok: boolean; result: { available: boolean } };
    assert.equal(status.ok, true);
    assert.equal(status.result.available, true, JSON.stringify(status.result));
    assert.ok(requireHere.cache[electronBuild], 'the addon in use is the one in native/electron');
  });

  it('shows a tray icon with hash rate and alert state, and its menu: Open, Pause/Resume polling, Quit (in the OS language)', async () => {
    assert.equal(FakeTray.instances.length, 1);
    const tray = FakeTray.instances[0]!;
    // This runs on Linux: the 32 px icon, and no "Start at login" (Electron supports it on macOS and Windows only).
    assert.equal(process.platform, 'linux');
    assert.equal(tray.image.path, join(work, 'assets', 'icons', 'png', '32x32.png'));
    assert.deepEqual(
      tray.menu.map((m) => m.id ?? m.type),
      ['open', 'pause', 'separator', 'quit'],
    );
    assert.deepEqual(
      tray.menu.map((m) => m.label ?? ''),
      ['打开 Hearth', '暂停轮询', '', '退出 Hearth'],
    );
    assert.match(tray.tooltip, /^Hearth：0 H\/s · 0\/1 在线 · /);

    tray.menu.find((m) => m.id === 'pause')!.click!({ checked: false });
    for (let i = 0; i < 100 && !tray.menu.some((m) => m.id === 'resume'); i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(tray.menu.map((m) => m.label ?? ''), ['打开 Hearth', '恢复轮询', '', '退出 Hearth']);
    assert.match(tray.tooltip, /轮询已暂停$/);
    tray.menu.find((m) => m.id === 'resume')!.click!({ checked: false });
    for (let i = 0; i < 100 && !tray.menu.some((m) => m.id === 'pause'); i++) await new Promise((r) => setTimeout(r, 10));
    assert.doesNotMatch(tray.tooltip, /暂停/);

    // Open brings the window back.
    const before = standIn.windows.length;
    tray.menu.find((m) => m.id === 'open')!.click!({ checked: false });
    assert.equal(standIn.windows.length, before, 'the existing window is shown, not a second one');
  });

  it('shows one desktop notification for a raised alert, and the alert in the tray', async () => {
    for (let i = 0; i < 300 && FakeNotification.shown.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(FakeNotification.shown, [
      { title: 'Hearth：设备离线', body: FakeNotification.shown[0]?.body ?? '', urgency: 'normal' },
    ]);
    assert.match(FakeNotification.shown[0]!.body, /garage/);
    assert.match(FakeTray.instances[0]!.tooltip, /1 个警报$/);
  });

  it('follows the language the user picks: the tray menu and tooltip change at once', async () => {
    const invoke = standIn.ipcHandlers.get('hearth:request')!;
    const fromApp = { senderFrame: { url: 'hearth://app/index.html', parent: null } };
    const tray = FakeTray.instances[0]!;
    const set = (await invoke(fromApp, { id: 20, method: 'settings.set', params: { language: 'en' } })) as { ok: boolean; result: { language: string } };
    assert.deepEqual([set.ok, set.result.language], [true, 'en']);
    assert.deepEqual(tray.menu.map((m) => m.label ?? ''), ['Open Hearth', 'Pause polling', '', 'Quit Hearth']);
    assert.match(tray.tooltip, /^Hearth: 0 H\/s · 0\/1 online · 1 alert$/);
    await invoke(fromApp, { id: 21, method: 'settings.set', params: { language: 'zh-CN' } });
    assert.equal(tray.menu.find((m) => m.id === 'quit')?.label, '退出 Hearth');
    assert.match(tray.tooltip, /^Hearth：.* · 1 个警报$/);
  });

  it('seals webhook tokens with the OS key (safeStorage); the file never holds the token', async () => {
    const invoke = standIn.ipcHandlers.get('hearth:request')!;
    const fromApp = { senderFrame: { url: 'hearth://app/index.html', parent: null } };
    const overview = (await invoke(fromApp, { id: 10, method: 'alerts.overview', params: {} })) as { ok: boolean; result: { secretProtection: string } };
    assert.equal(overview.result.secretProtection, 'os');
    const token = '123456:telegram-bot-token';
    const set = (await invoke(fromApp, { id: 11, method: 'alerts.secret.set', params: { channel: 'telegram', value: token } })) as { ok: boolean; result: { secretsSet: Record<string, boolean> } };
    assert.equal(set.ok, true);
    assert.equal(set.result.secretsSet.telegram, true);
    const file = readFileSync(join(userData, 'secrets.json'), 'utf8');
    assert.ok(!file.includes(token));
    assert.ok(file.includes(fakeSafeStorage.encryptString(token).toString('base64')));
  });

  it('seals USB pool passwords with the OS key: a plain pools file is migrated at start, new passwords never reach the file', async () => {
    const invoke = standIn.ipcHandlers.get('hearth:request')!;
    const fromApp = { senderFrame: { url: 'hearth://app/index.html', parent: null } };
    const poolsFile = () => readFileSync(join(userData, 'usb-pools.json'), 'utf8') + readFileSync(join(userData, 'usb-pools.json.bak'), 'utf8');
    const secretsFile = () => readFileSync(join(userData, 'secrets.json'), 'utf8');
    assert.ok(!poolsFile().includes(OLD_POOL.password), 'the migrated password left the pools file and its backup');
    assert.ok(secretsFile().includes(fakeSafeStorage.encryptString(OLD_POOL.password).toString('base64')));
    const saved = (await invoke(fromApp, { id: 30, method: 'usb.pools.get', params: {} })) as { ok: boolean; result: { pools: unknown[] } };
    assert.deepEqual(saved.result.pools, [{ url: OLD_POOL.url, worker: OLD_POOL.worker, hasPassword: true }]);

    const password = 'new-pool-pass';
    const set = (await invoke(fromApp, { id: 31, method: 'usb.pools.set', params: { pools: [{ url: 'pool.example.org:3333', worker: 'me.b', password }] } })) as { ok: boolean };
    assert.equal(set.ok, true);
    assert.ok(!poolsFile().includes(password));
    assert.ok(!secretsFile().includes(password));
    assert.ok(secretsFile().includes(fakeSafeStorage.encryptString(password).toString('base64')));
    // The removed pool's sealed password is deleted with it.
    assert.ok(!secretsFile().includes(fakeSafeStorage.encryptString(OLD_POOL.password).toString('base64')));
  });

  it('quits cleanly: stops the core, unbinds IPC, then quits', async () => {
    const quitEvent = new Promise<void>((resolve) => standIn.electron.app.once('quit', () => resolve()));
    standIn.electron.app.quit();
    await quitEvent;
    assert.equal(standIn.calls.quit, 2, 'first quit deferred for the core to stop, second one completes');
    assert.equal(standIn.ipcHandlers.size, 0);
    assert.equal(standIn.calls.exitCode, undefined);
    assert.equal(FakeTray.instances[0]!.destroyed, true);
  });
});
