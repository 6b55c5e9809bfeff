// What `npm start` does about better-sqlite3 for Electron, decided from what
// is installed and present (the download itself needs the network, which CI
// does not have: its offline run is described in docs/history.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  BUILT_ADDON,
  ELECTRON_HEADERS_URL,
  PREBUILT_TIMEOUT_MS,
  SOURCE_TIMEOUT_MS,
  failureReason,
  planElectronNatives,
  type NativesState,
} from '../../scripts/electron-natives-plan.js';

const DIR = join('/repo', 'native', 'electron');
const FILE = join(DIR, 'better-sqlite3-12.11.1-electron-45.5.0-linux-x64.node');
const PREBUILD = '/repo/node_modules/prebuild-install/bin.js';
const GYP = '/npm/node_modules/node-gyp/bin/node-gyp.js';

function state(over: Partial<NativesState> = {}): NativesState {
  return {
    electron: '45.5.0',
    sqlite: '12.11.1',
    platform: 'linux',
    arch: 'x64',
    bindingDir: DIR,
    exists: () => false,
    prebuildInstall: PREBUILD,
    nodeGyp: GYP,
    node: '/usr/bin/node',
    ...over,
  };
}

test('an Electron build already there: nothing to do', () => {
  const present = new Set([FILE]);
  assert.deepEqual(planElectronNatives(state({ exists: (p) => present.has(p) })), { action: 'ready', file: FILE });
});

test('missing: the prebuilt binary for this Electron first, then a build from source against Electron’s headers', () => {
  assert.deepEqual(planElectronNatives(state()), {
    action: 'fetch',
    file: FILE,
    attempts: [
      {
        what: 'prebuilt',
        command: '/usr/bin/node',
        args: [PREBUILD, '--runtime', 'electron', '--target', '45.5.0', '--arch', 'x64', '--platform', 'linux'],
        timeoutMs: PREBUILT_TIMEOUT_MS,
      },
      {
        what: 'source',
        command: '/usr/bin/node',
        args: [GYP, 'rebuild', '--release', '--target=45.5.0', '--arch=x64', '--dist-url=https://electronjs.org/headers'],
        timeoutMs: SOURCE_TIMEOUT_MS,
      },
    ],
  });
  assert.equal(ELECTRON_HEADERS_URL, 'https://electronjs.org/headers');
  assert.equal(BUILT_ADDON, join('build', 'Release', 'better_sqlite3.node'));
});

test('each Electron version, platform, architecture and better-sqlite3 version has its own file', () => {
  const present = new Set([FILE]);
  const exists = (p: string) => present.has(p);
  const other = [
    { electron: '46.0.0', file: 'better-sqlite3-12.11.1-electron-46.0.0-linux-x64.node' },
    { arch: 'arm64', file: 'better-sqlite3-12.11.1-electron-45.5.0-linux-arm64.node' },
    { platform: 'darwin', file: 'better-sqlite3-12.11.1-electron-45.5.0-darwin-x64.node' },
    { sqlite: '12.12.0', file: 'better-sqlite3-12.12.0-electron-45.5.0-linux-x64.node' },
  ];
  for (const { file, ...over } of other) {
    const plan = planElectronNatives(state({ ...over, exists }));
    assert.equal(plan.action, 'fetch', file);
    assert.equal(plan.action === 'fetch' && plan.file, join(DIR, file));
  }
});

test('only the tools that are installed are tried', () => {
  const withoutGyp = planElectronNatives(state({ nodeGyp: undefined }));
  assert.deepEqual(withoutGyp.action === 'fetch' && withoutGyp.attempts.map((a) => a.what), ['prebuilt']);
  const withoutPrebuild = planElectronNatives(state({ prebuildInstall: undefined }));
  assert.deepEqual(withoutPrebuild.action === 'fetch' && withoutPrebuild.attempts.map((a) => a.what), ['source']);
  assert.deepEqual(planElectronNatives(state({ nodeGyp: undefined, prebuildInstall: undefined })), {
    action: 'unavailable',
    reason: 'neither prebuild-install nor node-gyp is installed (run npm install)',
  });
});

test('without Electron or better-sqlite3 installed there is nothing to fetch for', () => {
  assert.deepEqual(planElectronNatives(state({ electron: undefined })), { action: 'unavailable', reason: 'Electron is not installed (run npm install)' });
  assert.deepEqual(planElectronNatives(state({ sqlite: undefined })), { action: 'unavailable', reason: 'better-sqlite3 is not installed (run npm install)' });
});

// Both outputs were captured from the script's offline run on the build machine (no route to github.com or electronjs.org).
const PREBUILD_OFFLINE = '\nprebuild-install warn install getaddrinfo ENOTFOUND github.com\n';
const GYP_OFFLINE = [
  'gyp info it worked if it ends with ok',
  'gyp info using node-gyp@12.4.0',
  'gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
  'gyp WARN install got an error, rolling back install',
  'gyp ERR! configure error ',
  'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
  'gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad',
  'gyp ERR! stack network settings.',
  'gyp ERR! stack at go (/work/main/node_modules/node-gyp/lib/install.js:244:21)',
  'gyp ERR! System Linux 6.18.44-fc-v857',
  'gyp ERR! not ok ',
].join('\n');

test('a failed attempt is summed up by its error message, without the tools’ log prefixes', () => {
  assert.equal(failureReason(PREBUILD_OFFLINE), 'getaddrinfo ENOTFOUND github.com');
  assert.equal(
    failureReason(GYP_OFFLINE),
    'This is most likely not a problem with node-gyp or the package itself and is related to network connectivity. ' +
      'In most cases you are behind a proxy or have bad network settings.',
  );
  assert.equal(failureReason('gyp ERR! stack TypeError: bad\ngyp ERR! System Linux'), 'bad');
  assert.equal(failureReason(''), 'no output');
});
