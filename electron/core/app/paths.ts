// Where the headless server and the CLI keep their data when nobody says
// otherwise: each platform's usual place for per-user application data. The
// Electron app passes its own folder (app.getPath('userData')) instead.
import os from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'HEARTH_DATA_DIR';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

function currentPlatform(): PlatformInfo {
  return { platform: process.platform, env: process.env, home: os.homedir() };
}

/**
 * Linux and other Unixes: $XDG_CONFIG_HOME/hearth or ~/.config/hearth;
 * macOS: ~/Library/Application Support/Hearth; Windows: %APPDATA%\Hearth.
 */
export function defaultDataDir(p: PlatformInfo = currentPlatform()): string {
  if (p.platform === 'win32') {
    const appData = p.env.APPDATA ?? path.win32.join(p.home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Hearth');
  }
  if (p.platform === 'darwin') return path.posix.join(p.home, 'Library', 'Application Support', 'Hearth');
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = p.env.XDG_CONFIG_HOME;
  const base = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(p.home, '.config');
  return path.posix.join(base, 'hearth');
}

/** `--data-dir` first, then $HEARTH_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, p: PlatformInfo = currentPlatform()): string {
  if (flag !== undefined && flag.trim() !== '') return path.resolve(flag);
  const fromEnv = p.env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return path.resolve(fromEnv);
  return defaultDataDir(p);
}
