import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { candidateWorkerUrls, defaultHashWorkerUrl } from '../../../electron/core/hashing/worker-url.js';
import { repoRoot } from './vectors.js';

test('the worker is looked for next to the source, beside an ESM bundle, and one folder up from the CommonJS one', () => {
  const paths = (from: string) => candidateWorkerUrls(pathToFileURL(from).href).map((u) => fileURLToPath(u));
  assert.deepEqual(paths('/app/electron/core/hashing/worker-url.ts'), ['/app/electron/core/hashing/worker.ts']);
  assert.deepEqual(paths('/app/dist/cli.mjs'), ['/app/dist/workers/hashing.mjs', '/app/workers/hashing.mjs']);
  assert.deepEqual(paths('/app/dist/electron/main.cjs'), ['/app/dist/electron/workers/hashing.mjs', '/app/dist/workers/hashing.mjs']);
});

test('from the sources the default is worker.ts; a location with no worker is a clear error', () => {
  assert.equal(fileURLToPath(defaultHashWorkerUrl()), path.join(repoRoot, 'electron', 'core', 'hashing', 'worker.ts'));
  assert.throws(() => defaultHashWorkerUrl(pathToFileURL('/nonexistent/dist/cli.mjs').href), /hashing worker not found \(looked at \/nonexistent\/dist\/workers\/hashing\.mjs, \/nonexistent\/workers\/hashing\.mjs\)/);
});

test('bundled like scripts/build.mjs does, the pool finds and runs its worker from ESM and CommonJS bundles', async () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'hearth-dist-'));
  try {
    const entry = path.join(dist, 'entry.ts');
    const pool = path.join(repoRoot, 'electron', 'core', 'hashing', 'pool.ts');
    const target = path.join(repoRoot, 'electron', 'core', 'hashing', 'target.ts');
    writeFileSync(
      entry,
      `import { HashPool } from ${JSON.stringify(pool)};
import { DIFF1_TARGET } from ${JSON.stringify(target)};
const pool = new HashPool({ workers: 1 });
pool
  .verify({ header: new Uint8Array(80), nonces: Uint32Array.of(1, 2), shareTarget: DIFF1_TARGET, networkTarget: DIFF1_TARGET })
  .then((v) => {
    console.log(JSON.stringify({ engine: pool.stats().engine, difficulty: Array.from(v.difficulty) }));
    return pool.close();
  });
`,
    );
    const common = { bundle: true, platform: 'node' as const, target: 'node20', logLevel: 'error' as const, absWorkingDir: repoRoot };
    await build({ ...common, entryPoints: { cli: entry, 'workers/hashing': 'electron/core/hashing/worker.ts' }, outdir: dist, format: 'esm', outExtension: { '.js': '.mjs' } });
    // The Electron main bundle: CommonJS, with the import.meta.url stand-in scripts/build.mjs defines.
    await build({
      ...common,
      entryPoints: { main: entry },
      outdir: path.join(dist, 'electron'),
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      define: { 'import.meta.url': '__hearthImportMetaUrl' },
      banner: { js: "const __hearthImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    const results = ['cli.mjs', path.join('electron', 'main.cjs')].map((file) => {
      // Run as users run a bundle: plain Node, no tsx (the test network guard in NODE_OPTIONS is plain JavaScript).
      const run = spawnSync(process.execPath, [path.join(dist, file)], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as { engine: string; difficulty: number[] };
    });
    for (const r of results) {
      assert.match(r.engine, /^(wasm-simd|native-)/);
      assert.equal(r.difficulty.length, 2);
      assert.ok((r.difficulty[0] ?? 1) < 1e-6);
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});
