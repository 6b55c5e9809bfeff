// `npm test`: type-check, lint, build, then every test file in one run of
// node's test runner (so its closing summary covers the whole suite).
// `--unit` skips the checks and the browser tests, for a quick loop.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const unitOnly = process.argv.includes('--unit');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args[0] ?? ''} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found.sort();
}

let files = findTests(join(root, 'test'));
if (unitOnly) files = files.filter((f) => !f.startsWith(join('test', 'browser')));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));

if (!unitOnly) {
  run('npm', ['run', '--silent', 'typecheck']);
  run('npm', ['run', '--silent', 'lint']);
  run('node', ['scripts/build.mjs']);
}
// Every test process, and every process a test spawns, refuses connections
// outside loopback (test/support/loopback-only.mjs).
const guard = pathToFileURL(join(root, 'test', 'support', 'loopback-only.mjs')).href;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${guard}`.trim();
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files]);
