// `npm start`, before `electron .`: makes sure native/electron holds
// better-sqlite3 built for this Electron, beside (never instead of) the Node
// build in node_modules that tests, the CLI and the server use. It runs
// better-sqlite3's own fetcher (prebuild-install) in a temporary copy of the
// package folder, and compiles against Electron's headers when no prebuilt
// binary can be had. Offline, it says history is off for this run and lets
// the app start. Decisions: scripts/electron-natives-plan.ts; docs/history.md.
// Runs under tsx: the file name comes from TypeScript shared with the core's loader.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELECTRON_BINDING_DIR } from '../electron/core/history/electron-binding.js';
import { BUILT_ADDON, failureReason, planElectronNatives } from './electron-natives-plan.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bindingDir = join(root, ELECTRON_BINDING_DIR);
const fromRoot = createRequire(join(root, 'package.json'));

function resolveOrUndefined(require, request) {
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}

function versionOf(packageJson) {
  return packageJson ? fromRoot(packageJson).version : undefined;
}

const sqlitePackageJson = resolveOrUndefined(fromRoot, 'better-sqlite3/package.json');
const sqliteDir = sqlitePackageJson && dirname(sqlitePackageJson);

function currentPlan() {
  return planElectronNatives({
    electron: versionOf(resolveOrUndefined(fromRoot, 'electron/package.json')),
    sqlite: versionOf(sqlitePackageJson),
    platform: process.platform,
    arch: process.arch,
    bindingDir,
    exists: existsSync,
    prebuildInstall: sqlitePackageJson && resolveOrUndefined(createRequire(sqlitePackageJson), 'prebuild-install/bin.js'),
    // `npm start` exports the node-gyp npm bundles; else the project's own.
    nodeGyp: process.env.npm_config_node_gyp || resolveOrUndefined(fromRoot, 'node-gyp/bin/node-gyp.js'),
    node: process.execPath,
  });
}

/** The package without its build folder: node_modules/better-sqlite3/build (the Node build) is never touched. */
function copyPackage(into) {
  const skip = new Set([join(sqliteDir, 'build'), join(sqliteDir, 'node_modules')]);
  cpSync(sqliteDir, into, { recursive: true, filter: (path) => !skip.has(path) });
}

/** Runs the attempts in turn; the first to leave the addon wins. Returns the addon's path, or the reasons. */
function fetchAddon(work, attempts) {
  const reasons = [];
  const log = [];
  for (const attempt of attempts) {
    const run = spawnSync(attempt.command, attempt.args, { cwd: work, encoding: 'utf8', timeout: attempt.timeoutMs, maxBuffer: 64 << 20 });
    const built = join(work, BUILT_ADDON);
    if (run.status === 0 && existsSync(built)) return { built };
    const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
    log.push(`$ ${attempt.command} ${attempt.args.join(' ')}\n${output}`);
    reasons.push(`${attempt.what}: ${run.error ? run.error.message : failureReason(output)}`);
  }
  return { reasons, log: log.join('\n') };
}

function install(built, file) {
  mkdirSync(dirname(file), { recursive: true });
  // Copy, then rename: the app never sees a half-written addon.
  const partial = `${file}.partial-${process.pid}`;
  cpSync(built, partial);
  renameSync(partial, file);
}

function unavailable(reason) {
  console.error(`hearth: history will be unavailable in this run: ${reason}`);
}

function main() {
  const plan = currentPlan();
  if (plan.action === 'ready') return;
  if (plan.action === 'unavailable') return unavailable(plan.reason);
  const shown = relative(root, plan.file).split(sep).join('/');
  console.log(`hearth: getting better-sqlite3 for Electron (${shown}); once per Electron version...`);
  const work = mkdtempSync(join(tmpdir(), 'hearth-electron-natives-'));
  try {
    copyPackage(work);
    const result = fetchAddon(work, plan.attempts);
    const logFile = join(bindingDir, 'last-attempt.log');
    if (result.built) {
      install(result.built, plan.file);
      rmSync(logFile, { force: true });
      console.log(`hearth: ${shown} is ready`);
      return;
    }
    mkdirSync(bindingDir, { recursive: true });
    writeFileSync(logFile, result.log);
    unavailable(`${result.reasons.join('; ')} (details: ${relative(root, logFile).split(sep).join('/')})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Whatever goes wrong here, the app still starts (without history).
try {
  main();
} catch (error) {
  unavailable(error instanceof Error ? error.message : String(error));
}
