// The decisions of scripts/electron-natives.mjs, kept pure so they can be
// tested without the network: from what is installed and what is already in
// native/electron, what to run to get better-sqlite3 built for Electron.
import { join } from 'node:path';
import { electronBindingName } from '../electron/core/history/electron-binding.js';

/** Electron's headers for node-gyp (Electron docs, "Native Node Modules", manual build). */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
/** Where prebuild-install unpacks, and node-gyp builds, the addon, inside the package folder. */
export const BUILT_ADDON = join('build', 'Release', 'better_sqlite3.node');
/** A prebuilt binary is about 2 MB. */
export const PREBUILT_TIMEOUT_MS = 120_000;
/** Compiling SQLite takes minutes on a slow machine. */
export const SOURCE_TIMEOUT_MS = 20 * 60_000;

export interface NativesState {
  /** Version of node_modules/electron; undefined when it is not installed. */
  electron: string | undefined;
  /** Version of node_modules/better-sqlite3; undefined when it is not installed. */
  sqlite: string | undefined;
  platform: string;
  arch: string;
  /** Absolute path of native/electron. */
  bindingDir: string;
  exists: (path: string) => boolean;
  /** better-sqlite3's own prebuilt-binary fetcher (its dependency), bin.js; undefined when missing. */
  prebuildInstall: string | undefined;
  /** node-gyp's bin/node-gyp.js; undefined when none is found. */
  nodeGyp: string | undefined;
  /** The node that runs both (process.execPath). */
  node: string;
}

/** One way to get the addon: run `command args` in a copy of the better-sqlite3 folder; it leaves BUILT_ADDON there. */
export interface Attempt {
  what: 'prebuilt' | 'source';
  command: string;
  args: string[];
  timeoutMs: number;
}

export type NativesPlan =
  | { action: 'ready'; file: string }
  | { action: 'unavailable'; reason: string }
  | { action: 'fetch'; file: string; attempts: [Attempt, ...Attempt[]] };

export function planElectronNatives(s: NativesState): NativesPlan {
  if (!s.electron) return { action: 'unavailable', reason: 'Electron is not installed (run npm install)' };
  if (!s.sqlite) return { action: 'unavailable', reason: 'better-sqlite3 is not installed (run npm install)' };
  const file = join(s.bindingDir, electronBindingName({ sqlite: s.sqlite, electron: s.electron, platform: s.platform, arch: s.arch }));
  if (s.exists(file)) return { action: 'ready', file };
  const attempts: Attempt[] = [];
  if (s.prebuildInstall) {
    attempts.push({
      what: 'prebuilt',
      command: s.node,
      args: [s.prebuildInstall, '--runtime', 'electron', '--target', s.electron, '--arch', s.arch, '--platform', s.platform],
      timeoutMs: PREBUILT_TIMEOUT_MS,
    });
  }
  if (s.nodeGyp) {
    attempts.push({
      what: 'source',
      command: s.node,
      args: [s.nodeGyp, 'rebuild', '--release', `--target=${s.electron}`, `--arch=${s.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`],
      timeoutMs: SOURCE_TIMEOUT_MS,
    });
  }
  const [first, ...rest] = attempts;
  if (!first) return { action: 'unavailable', reason: 'neither prebuild-install nor node-gyp is installed (run npm install)' };
  return { action: 'fetch', file, attempts: [first, ...rest] };
}

const TOOL_PREFIX = /^(?:gyp (?:ERR!|info|warn|WARN) (?:stack )?|prebuild-install (?:warn|info|ERR!) (?:install )?)/;

/**
 * What to show of a failed attempt's output: the first error message (node-gyp
 * spreads one over several "stack" lines before the trace), else the last
 * line; without the tools' log prefixes.
 */
export function failureReason(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((raw) => ({ prefix: TOOL_PREFIX.exec(raw)?.[0] ?? '', text: raw.replace(TOOL_PREFIX, '').trim() }))
    .filter((line) => line.text.length > 0);
  const start = lines.findIndex((line) => /^\w*Error: /.test(line.text));
  if (start < 0) return lines.at(-1)?.text ?? 'no output';
  const { prefix } = lines[start]!;
  const message = [lines[start]!.text.replace(/^\w*Error: /, '')];
  for (const line of lines.slice(start + 1)) {
    if (line.prefix !== prefix || line.text.startsWith('at ')) break;
    message.push(line.text);
  }
  return message.join(' ');
}
