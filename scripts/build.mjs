// Builds everything that runs outside tsx: the renderer bundle, the Electron
// main and preload (CommonJS: a sandboxed preload cannot be an ES module), the
// CLI / headless server, and worker-thread entry points.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const production = process.env.NODE_ENV === 'production';

// Native modules are loaded at run time from node_modules, never bundled.
const nativeExternals = ['electron', 'usb', 'node-hid', 'better-sqlite3'];

// Workers are separate bundles so that `new Worker()` can load them by path.
export const workerEntries = {
  // name: source path (see electron/core/workers.ts for how they are found)
  'workers/hashing': 'electron/core/hashing/worker.ts', // found by electron/core/hashing/worker-url.ts
};

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'renderer'), { recursive: true });

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  minify: production,
  absWorkingDir: root,
};

// An ES-module bundle that still has `require` for the CommonJS packages inside.
const esmBanner = {
  js: "import { createRequire as __hearthCreateRequire } from 'node:module'; const require = __hearthCreateRequire(import.meta.url);",
};

await Promise.all([
  build({
    ...common,
    entryPoints: { app: 'renderer/src/main.tsx' },
    outdir: join(out, 'renderer'),
    platform: 'browser',
    format: 'esm',
    target: ['chrome120'],
    loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  }),
  build({
    ...common,
    entryPoints: { main: 'electron/main/index.ts', preload: 'electron/preload/index.ts' },
    outdir: join(out, 'electron'),
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    // CommonJS has no import.meta: give core modules that locate files (workers) the bundle's own URL.
    define: { 'import.meta.url': '__hearthImportMetaUrl' },
    banner: { js: "const __hearthImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    target: ['node20'],
    external: nativeExternals,
  }),
  build({
    ...common,
    entryPoints: { cli: 'electron/cli/hearth.ts', ...workerEntries },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: ['node20'],
    external: nativeExternals,
    banner: esmBanner,
  }),
]);

cpSync(join(root, 'renderer', 'index.html'), join(out, 'renderer', 'index.html'));
cpSync(join(root, 'assets'), join(out, 'assets'), { recursive: true });
