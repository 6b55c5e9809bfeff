// The tray / menu-bar icon: total hash rate and alert state at a glance, and
// Open, Pause polling, Start at login, Quit, in the app's language (followed
// through settings.changed). The words and figures come from tray-state.ts
// and texts.ts (pure).
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { Alert } from '../contract/alerts.js';
import type { FleetDevice } from '../contract/fleet.js';
import type { HearthService } from '../core/app/service.js';
import { summarize, trayTitle, trayTooltip } from './tray-state.js';
import { translator, type Language } from './texts.js';

export interface TrayOptions {
  service: HearthService;
  /** dist/assets/icons (the build copies assets/ there). */
  iconsDir: string;
  openWindow: () => void;
  platform: NodeJS.Platform;
  /** The app's language at start. */
  language: Language;
}

/**
 * Start at login is offered where Electron supports it (macOS, Windows). On
 * Linux it has no effect (an AppImage moves with its file; a deb would need
 * an XDG autostart entry): docs/packaging.md.
 */
export function loginItemSupported(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

function iconPath(iconsDir: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(iconsDir, 'icon.ico');
  // The macOS menu bar is 22 pt high: a 16 px icon (the 32 px one would be scaled down blurred).
  return join(iconsDir, 'png', platform === 'darwin' ? '16x16.png' : '32x32.png');
}

export function createTray(opts: TrayOptions): { destroy(): void } {
  const tray = new Tray(nativeImage.createFromPath(iconPath(opts.iconsDir, opts.platform)));
  let fleet: FleetDevice[] = [];
  let active: Alert[] = [];
  let paused = false;
  let lastTooltip = '';
  let t = translator(opts.language);

  const refresh = (): void => {
    const summary = summarize(fleet, active, paused);
    const tooltip = trayTooltip(summary, t);
    if (tooltip === lastTooltip) return;
    lastTooltip = tooltip;
    tray.setToolTip(tooltip);
    if (opts.platform === 'darwin') tray.setTitle(trayTitle(summary));
  };

  const setPaused = async (next: boolean): Promise<void> => {
    const result = (await opts.service.handle('fleet.pause', { paused: next })) as { paused: boolean };
    paused = result.paused;
    buildMenu();
    refresh();
  };

  const buildMenu = (): void => {
    const template: MenuItemConstructorOptions[] = [
      { id: 'open', label: t('tray.open'), click: () => opts.openWindow() },
      paused
        ? { id: 'resume', label: t('tray.resume'), click: () => void setPaused(false) }
        : { id: 'pause', label: t('tray.pause'), click: () => void setPaused(true) },
    ];
    if (loginItemSupported(opts.platform)) {
      template.push({
        id: 'login',
        label: t('tray.login'),
        type: 'checkbox',
        checked: app.getLoginItemSettings().openAtLogin,
        click: (item) => app.setLoginItemSettings({ openAtLogin: item.checked }),
      });
    }
    template.push({ type: 'separator' }, { id: 'quit', label: t('tray.quit'), click: () => app.quit() });
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  buildMenu();
  refresh();
  // Windows and Linux: a click on the icon opens the window (macOS shows the menu).
  tray.on('click', () => opts.openWindow());
  let fleetSeen = false;
  // Fleet events are deltas; in this process the whole list costs no copy, so
  // the tray reads it after each one. Only the newest read counts.
  let fleetReads = 0;
  const offFleet = opts.service.on('fleet.delta', () => {
    fleetSeen = true;
    const read = ++fleetReads;
    opts.service.handle('fleet.list', {}).then(
      (list) => {
        if (read !== fleetReads) return;
        fleet = list as FleetDevice[];
        refresh();
      },
      () => undefined,
    );
  });
  let alertsSeen = false;
  const offAlerts = opts.service.on('alerts.changed', (next) => {
    alertsSeen = true;
    active = next.active;
    refresh();
  });
  let language = opts.language;
  const offSettings = opts.service.on('settings.changed', (settings) => {
    if (settings.language === language) return;
    language = settings.language;
    t = translator(language);
    buildMenu();
    refresh();
  });
  // Events only report changes: start from the current state.
  void Promise.all([opts.service.handle('fleet.list', {}), opts.service.handle('alerts.overview', {})]).then(
    ([list, overview]) => {
      if (!fleetSeen) fleet = list as FleetDevice[];
      if (!alertsSeen) active = (overview as { active: Alert[] }).active;
      refresh();
    },
    () => undefined,
  );

  return {
    destroy() {
      offFleet();
      offAlerts();
      offSettings();
      tray.destroy();
    },
  };
}
