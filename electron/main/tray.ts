// The tray / menu-bar icon: total hash rate and alert state at a glance, and
// Open, Pause polling, Start at login, Quit. The words and figures come from
// tray-state.ts (pure).
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { Alert } from '../contract/alerts.js';
import type { FleetDevice } from '../contract/fleet.js';
import type { HearthService } from '../core/app/service.js';
import { summarize, trayTitle, trayTooltip } from './tray-state.js';

export interface TrayOptions {
  service: HearthService;
  /** dist/assets/icons (the build copies assets/ there). */
  iconsDir: string;
  openWindow: () => void;
  platform: NodeJS.Platform;
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

  const refresh = (): void => {
    const summary = summarize(fleet, active, paused);
    const tooltip = trayTooltip(summary);
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
      { id: 'open', label: 'Open Hearth', click: () => opts.openWindow() },
      paused
        ? { id: 'resume', label: 'Resume polling', click: () => void setPaused(false) }
        : { id: 'pause', label: 'Pause polling', click: () => void setPaused(true) },
    ];
    if (loginItemSupported(opts.platform)) {
      template.push({
        id: 'login',
        label: 'Start at login',
        type: 'checkbox',
        checked: app.getLoginItemSettings().openAtLogin,
        click: (item) => app.setLoginItemSettings({ openAtLogin: item.checked }),
      });
    }
    template.push({ type: 'separator' }, { id: 'quit', label: 'Quit Hearth', click: () => app.quit() });
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  buildMenu();
  refresh();
  // Windows and Linux: a click on the icon opens the window (macOS shows the menu).
  tray.on('click', () => opts.openWindow());
  let fleetSeen = false;
  const offFleet = opts.service.on('fleet.changed', (next) => {
    fleetSeen = true;
    fleet = next;
    refresh();
  });
  let alertsSeen = false;
  const offAlerts = opts.service.on('alerts.changed', (next) => {
    alertsSeen = true;
    active = next.active;
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
      tray.destroy();
    },
  };
}
