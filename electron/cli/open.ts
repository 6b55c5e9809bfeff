// `hearth open <file>`: support staff open a support bundle. The file is
// checked and read into memory here (it is refused before anything starts if
// it is not a sound bundle); then the app is served as by `hearth serve`,
// with the bundle offered read-only on its "Open bundle" page, whose address
// is printed. Nothing from the bundle is extracted or written anywhere.
import { basename } from 'node:path';
import { BundleError } from '../core/diagnostics/bundle/errors.js';
import { openSupportBundleFile } from '../core/diagnostics/bundle/read.js';
import { parseCommandLine } from './args.js';
import { EXIT_FILE, ExitError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { runServer, SERVER_OPTIONS } from './serve.js';

export const OPEN_HELP = `Usage: hearth open <bundle.zip> [--host address] [--port n] [--token t] [--data-dir dir] [--static-dir dir]

Opens a support bundle and serves the app (as hearth serve does) with the bundle
shown read-only: the device page, the health report and the history as the user
saw them. Prints the address of the bundle's page; runs until stopped (Ctrl+C).
Options as for hearth serve. Exit status: 6 the file is not a sound bundle
(the reason is printed), 2 usage error.`;

/** The route of the bundle page in the web app. */
export const BUNDLE_PAGE = '#/bundle';

export async function openCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, SERVER_OPTIONS);
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError('open takes exactly one bundle file');
  const file = positionals[0];
  let bundle;
  try {
    bundle = await openSupportBundleFile(file);
  } catch (err) {
    if (err instanceof BundleError) throw new ExitError(EXIT_FILE, `${file} cannot be opened (${err.kind}): ${err.message}`);
    throw err;
  }
  const { manifest } = bundle;
  io.out(`Bundle ${basename(file)}: ${manifest.device.id} (${manifest.device.product ?? manifest.device.modelId}), made ${new Date(manifest.createdAt).toISOString()} by Hearth ${manifest.appVersion}`);
  return runServer(values, io, { diagnostics: { startupBundle: { name: basename(file), bundle } }, page: BUNDLE_PAGE });
}
