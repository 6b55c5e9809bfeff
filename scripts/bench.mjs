// `npm run bench`: runs every bench/*.ts (or those whose name contains an
// argument) one after another under tsx; exits non-zero if any of them fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const benches = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

const failed = [];
for (const name of benches) {
  console.log(`\n=== bench/${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('bench', name)], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench/${name} failed (exit ${run.status ?? run.signal})`);
    failed.push(name);
  }
}
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${benches.length} benchmarks failed: ${failed.join(', ')}`);
  process.exit(1);
}
