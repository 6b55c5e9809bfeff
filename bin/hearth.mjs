#!/usr/bin/env node
// The `hearth` command: the built CLI (npm install builds it via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('hearth: not built yet. Run `npm install` (or `npm run build`) in the Hearth folder first.');
  process.exit(70);
}
await import(cli);
