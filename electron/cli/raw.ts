// `hearth raw <host[:port]> <command> [parameter]`: a support tool that sends
// any command as typed, including ones that change the device.
import { query, queryText } from '../core/cgminer-api/client.js';
import { CgminerError, CgminerRequestError } from '../core/cgminer-api/errors.js';
import { deviceArgument, intOption, parseCommandLine } from './args.js';
import { EXIT_DEVICE, EXIT_OK, ExitError, UsageError, describeDeviceError } from './errors.js';
import type { Io } from './io.js';

export const RAW_HELP = `Usage: hearth raw <host[:port]> <command> [parameter] [--text] [--timeout ms]

Sends one CGMiner API command and prints the reply (JSON, pretty-printed).
  e.g. hearth raw 192.168.1.20 estats     hearth raw 192.168.1.20 ascset 0,help
  --text          send the text form (command|parameter) and print the reply as sent
  --timeout ms    budget for the exchange (default 5000)
Careful: this sends whatever you type, including commands that change the
device (ascset, pool changes, reboot). The app only ever sends read-only ones.`;

export async function rawCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    text: { type: 'boolean' },
    timeout: { type: 'string' },
  });
  const [where, command, parameter, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError('raw takes a device, a command and at most one parameter (quote it if it has spaces)');
  const address = deviceArgument(where);
  if (command === undefined) throw new UsageError('missing the command to send, e.g. summary');
  const timeoutMs = intOption('timeout', values.timeout, 1, 600_000) ?? 5000;
  try {
    if (values.text) io.out(await queryText(address, command, parameter, { timeoutMs }));
    else io.out(JSON.stringify(await query(address, command, parameter, { timeoutMs }), null, 2));
  } catch (err) {
    if (err instanceof CgminerRequestError) throw new UsageError(err.message);
    if (err instanceof CgminerError) throw new ExitError(EXIT_DEVICE, describeDeviceError(address.id, err));
    throw err;
  }
  return EXIT_OK;
}
