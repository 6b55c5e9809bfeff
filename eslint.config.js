import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Dependencies point one way (docs/architecture.md): the renderer sees only the
// contract; core layers import only layers below them; only electron/main and
// electron/preload import electron.
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload import electron.' };
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: [noElectron], patterns: forbidden.length ? [{ group: forbidden, message: why }] : [] },
    ],
  },
});
const above = (...dirs) => dirs.flatMap((d) => [`**/core/${d}/**`, `**/core/${d}/*`, `../${d}/*`, `../../${d}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'native/**/build/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(['electron/core/**', 'electron/cli/**'], [], ''),
  layer(['renderer/**'], ['**/electron/core/**', '**/electron/main/**', '**/electron/cli/**'], 'The renderer talks to the core only through electron/contract.'),
  layer(['electron/contract/**'], ['**/core/**', '../core/*'], 'The contract depends on nothing in the core.'),
  layer(['electron/core/transports/**'], above('cgminer-api', 'avalon', 'discovery', 'fleet', 'app', 'server', 'sim'), 'transports are the bottom layer.'),
  layer(['electron/core/cgminer-api/**'], above('avalon', 'discovery', 'fleet', 'app', 'server', 'sim'), 'cgminer-api sits below avalon, discovery and fleet.'),
  layer(['electron/core/avalon/**'], above('discovery', 'fleet', 'app', 'server', 'sim'), 'avalon parsers sit below discovery and fleet.'),
  layer(['electron/core/discovery/**', 'electron/core/fleet/**'], above('app', 'server'), 'fleet and discovery sit below the app service.'),
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'test/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
