// `hearth serve`: the app in a browser, served by this machine; runs until
// interrupted (Ctrl+C, SIGTERM).
import { existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticsOptions } from '../core/app/diagnostics.js';
import { resolveDataDir } from '../core/app/paths.js';
import { createHearthService } from '../core/app/service.js';
import { createHeadlessSecretStore, SECRETS_FILE } from '../core/alerts/secret-store.js';
import { untilStopped } from '../core/process/until-stopped.js';
import { isLoopbackHost } from '../core/server/access.js';
import { DEFAULT_SERVER_HOST, DEFAULT_SERVER_PORT, startServer } from '../core/server/server.js';
import { intOption, parseCommandLine } from './args.js';
import { EXIT_INTERNAL, EXIT_OK, ExitError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { HEARTH_VERSION } from './version.js';

export const SERVE_HELP = `Usage: hearth serve [--demo] [--host address] [--port n] [--token t] [--data-dir dir] [--static-dir dir] [--allow-plain-secrets]

Runs Hearth as a web app at http://${DEFAULT_SERVER_HOST}:${DEFAULT_SERVER_PORT}/ until stopped (Ctrl+C).
  --demo            add simulated miners (nothing is saved for them)
  --host address    address to listen on (default ${DEFAULT_SERVER_HOST}, this machine only).
                    Any other address (e.g. 0.0.0.0 for the whole LAN) requires a token.
  --port n          port (default ${DEFAULT_SERVER_PORT}; 0 = any free port)
  --token t         token browsers must present (?token=t); generated when needed and not given
  --data-dir dir    where saved devices and settings live
                    (default: $HEARTH_DATA_DIR, else the platform's app-data folder)
  --static-dir dir  serve the web app from dir (default: the one built with Hearth)
  --allow-plain-secrets
                    let alert webhook tokens be saved in a file only your account can
                    read (mode 0600); without it no token is saved (no OS keyring here)`;

/** The options of `serve`, shared with `open` (which serves a bundle). */
export const SERVER_OPTIONS = {
  demo: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
  'static-dir': { type: 'string' },
  'allow-plain-secrets': { type: 'boolean' },
} as const;

export async function serveCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, SERVER_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got "${positionals[0]}"`);
  return runServer(values, io);
}

type ServerValues = ReturnType<typeof parseCommandLine<typeof SERVER_OPTIONS>>['values'];

/** Starts the service and the server, prints where, runs until SIGINT/SIGTERM. `page` is a route to open (e.g. "#/bundle"). */
export async function runServer(values: ServerValues, io: Io, extra: { diagnostics?: DiagnosticsOptions; page?: string } = {}): Promise<number> {
  const port = intOption('port', values.port, 0, 65535) ?? DEFAULT_SERVER_PORT;
  if (values.token !== undefined && values.token.length < 8) throw new UsageError('--token must be at least 8 characters');
  const staticDir = findRenderer(values['static-dir']);
  const dataDir = resolveDataDir(values['data-dir']);
  const service = await createHearthService({
    dataDir,
    host: 'server',
    version: HEARTH_VERSION,
    demo: values.demo === true,
    log: (m) => io.err(m),
    secrets: createHeadlessSecretStore(join(dataDir, SECRETS_FILE), { allowPlainFile: values['allow-plain-secrets'] === true }),
    ...(extra.diagnostics === undefined ? {} : { diagnostics: extra.diagnostics }),
  }).catch((err: unknown) => {
    // An unreadable data folder, or demo devices that cannot listen anywhere.
    throw new ExitError(EXIT_INTERNAL, `cannot start: ${err instanceof Error ? err.message : String(err)}`);
  });
  let server;
  try {
    server = await startServer({
      service,
      staticDir,
      port,
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(values.token === undefined ? {} : { token: values.token }),
    });
  } catch (err) {
    await service.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use; choose another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${values.host ?? DEFAULT_SERVER_HOST}: not an address of this machine`);
    throw err;
  }
  io.out(`Hearth ${HEARTH_VERSION} is running at ${server.url}${extra.page ?? ''}`);
  io.out(`Data folder: ${dataDir}${values.demo ? ' (demo devices are not saved)' : ''}`);
  if (!isLoopbackHost(server.host)) {
    io.out(`Listening on ${server.host}: other machines need the token. Token: ${server.token ?? ''}`);
    const wildcard = server.host === '0.0.0.0' || server.host === '::';
    if (wildcard) for (const address of lanAddresses()) io.out(`  http://${address}:${server.port}/?token=${encodeURIComponent(server.token ?? '')}${extra.page ?? ''}`);
  }
  io.out('Press Ctrl+C to stop.');

  await untilStopped();
  await server.close();
  await service.close();
  return EXIT_OK;
}

/** The given folder, else dist/renderer next to the bundle (dist/cli.mjs) or in the repository when run from source. */
function findRenderer(given: string | undefined): string {
  if (given !== undefined) {
    if (!existsSync(join(given, 'index.html'))) throw new UsageError(`--static-dir ${given} has no index.html`);
    return given;
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'renderer'), join(here, '..', '..', 'dist', 'renderer')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (found === undefined) throw new ExitError(EXIT_INTERNAL, 'the web app is not built; run `npm run build` first');
  return found;
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}
