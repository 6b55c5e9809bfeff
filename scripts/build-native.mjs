// `npm run build:native`: builds the optional SHA-256d addon in native/sha256d
// with node-gyp (never part of `npm install`; the core works without it).
// Uses the Node headers installed beside this Node when they exist, so the
// build works offline.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const prefix = dirname(dirname(process.execPath));
const localHeaders = existsSync(join(prefix, 'include', 'node', 'node_api.h'));
// npm run exports the node-gyp it bundles; otherwise look for one on PATH.
const gyp = process.env.npm_config_node_gyp;
const [cmd, ...pre] = gyp ? [process.execPath, gyp] : ['node-gyp'];
const args = [...pre, 'rebuild', '--directory', join(root, 'native', 'sha256d'), ...(localHeaders ? [`--nodedir=${prefix}`] : [])];

console.log(`$ ${cmd} ${args.join(' ')}`);
const run = spawnSync(cmd, args, { stdio: 'inherit' });
if (run.status !== 0) {
  console.error(
    `\nThe native SHA-256d addon did not build (${run.error?.message ?? `exit ${run.status}`}). Hearth does not need it: hashing uses WebAssembly.`,
  );
  process.exit(1);
}
console.log('\nBuilt native/sha256d/build/Release/sha256d.node; hashing workers load it when present.');
