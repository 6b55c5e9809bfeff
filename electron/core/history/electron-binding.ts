// Where a source checkout keeps better-sqlite3 built for Electron. `npm
// install` builds node_modules/better-sqlite3 for Node (tests, the CLI, the
// headless server need that one), while `npm start` runs the core inside
// Electron, whose ABI differs. scripts/electron-natives.mjs fetches a second
// build beside the first, and the loader (sqlite.ts) picks it inside
// Electron. Installers do not use this: electron-builder rebuilds
// node_modules for Electron.
import { join } from 'node:path';

/** Relative to the app folder (the repository root in a checkout); gitignored. */
export const ELECTRON_BINDING_DIR = join('native', 'electron');

export interface BindingTarget {
  /** better-sqlite3's version: its JavaScript and its addon must match. */
  sqlite: string;
  electron: string;
  platform: string;
  arch: string;
}

/** e.g. "better-sqlite3-12.11.1-electron-45.5.0-linux-x64.node": a new version of either gets its own file. */
export function electronBindingName(t: BindingTarget): string {
  return `better-sqlite3-${t.sqlite}-electron-${t.electron}-${t.platform}-${t.arch}.node`;
}
