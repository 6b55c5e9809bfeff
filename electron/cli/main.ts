// The `hearth` command: picks the subcommand, and turns every outcome into
// one of the documented exit codes with errors on stderr.
import { CgminerError } from '../core/cgminer-api/errors.js';
import { EXIT_DEVICE, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ExitError, UsageError, describeDeviceError } from './errors.js';
import type { Io } from './io.js';
import { DIAG_HELP, diagCommand } from './diag.js';
import { OPEN_HELP, openCommand } from './open.js';
import { POOLS_HELP, poolsCommand } from './pools.js';
import { RAW_HELP, rawCommand } from './raw.js';
import { SCAN_HELP, scanCommand } from './scan.js';
import { SERVE_HELP, serveCommand } from './serve.js';
import { SET_HELP, setCommand } from './set.js';
import { STATUS_HELP, statusCommand } from './status.js';
import { HEARTH_VERSION } from './version.js';

export const MAIN_HELP = `Usage: hearth <command> [options]

Find, watch and diagnose Canaan AvalonMiners.

Commands:
  scan [<range>...]            find Avalons on the network
  status <host[:port]>         what one device is doing
  raw <host[:port]> <command>  send one API command, print the reply (support tool)
  set <host[:port]> <control> [<value>]
                               change one setting (workmode, fan, led, reboot, ...), read it back
  pools <host[:port]> [<action> ...]
                               list the pools, or add/remove/enable/disable/switch/priority/set
  serve                        run the app as a web page on this machine
  diag <host[:port]>           health report of one device; --bundle writes a support bundle
  open <bundle.zip>            show a support bundle read-only in the web app
  sim                          run simulated miners for testing

Options: --help (also after a command), --version
Exit status: 0 ok, 1 device error, 2 usage error, 3 nothing found (scan),
4 change not applied (set, pools), 5 a health check failed (diag),
6 file not written or bundle refused (diag, open), 70 internal error.`;

type Command = { help: string; run: (argv: readonly string[], io: Io) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  scan: { help: SCAN_HELP, run: scanCommand },
  status: { help: STATUS_HELP, run: statusCommand },
  raw: { help: RAW_HELP, run: rawCommand },
  set: { help: SET_HELP, run: setCommand },
  pools: { help: POOLS_HELP, run: poolsCommand },
  serve: { help: SERVE_HELP, run: serveCommand },
  diag: { help: DIAG_HELP, run: (argv, io) => diagCommand(argv, io) },
  open: { help: OPEN_HELP, run: openCommand },
  sim: {
    help: '',
    run: async (argv) => {
      // Loaded on demand: only `hearth sim` needs the simulator.
      const { runSimCli } = await import('../core/sim/cli.js');
      return runSimCli([...argv]);
    },
  },
};

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(MAIN_HELP);
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (name === '--version' || name === '-v') {
      io.out(HEARTH_VERSION);
      return EXIT_OK;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) throw new UsageError(`unknown command "${name}"; see hearth --help`);
    // `sim` has its own help text.
    if (name !== 'sim' && (rest.includes('--help') || rest.includes('-h'))) {
      io.out(command.help);
      return EXIT_OK;
    }
    return await command.run(rest, io);
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: Io): number {
  if (err instanceof UsageError) {
    io.err(`hearth: ${err.message}`);
    io.err('Try hearth --help.');
    return EXIT_USAGE;
  }
  if (err instanceof ExitError) {
    io.err(`hearth: ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof CgminerError) {
    io.err(`hearth: ${describeDeviceError('device', err)}`);
    return EXIT_DEVICE;
  }
  io.err(`hearth: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return EXIT_INTERNAL;
}
