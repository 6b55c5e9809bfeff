// `hearth sim` / `npm run sim`: start a simulated fleet, print where it
// listens, and keep it running until interrupted.
import { untilStopped } from '../process/until-stopped.js';
import { isFault, FAULTS, type Fault } from './faults.js';
import { PROFILES } from './profiles.js';
import { DEFAULT_BASE, DEFAULT_PORT, DEFAULT_SEED, startSimulation, type Simulation, type SimulationOptions } from './simulation.js';

export const SIM_HELP = `Usage: hearth sim [options]

Run simulated AvalonMiners that answer the CGMiner API (TCP) on loopback
addresses, for trying Hearth without hardware.

Options:
  --count N          number of devices (default 8)
  --base A           first address (default ${DEFAULT_BASE}; further devices .2, .3, ...)
  --port P           API port (default ${DEFAULT_PORT})
  --port-step        all devices on one address (default 127.0.0.1), ports P, P+1, ...
                     (macOS and Windows have only 127.0.0.1 by default)
  --seed S           random seed (default ${DEFAULT_SEED}); the same seed gives the same fleet
  --models a,b,...   models to use in turn (${PROFILES.map((p) => p.id).join(', ')})
  --fault I=MODE     put device I (0-based) in a fault mode; repeatable
                     (${FAULTS.join(', ')})
  --write-access on|off
                     on: every device runs privileged commands (as an A-series
                     with a W: API allow entry); off: every device answers
                     access denied. Default: each firmware's own rule
  --reboot-s S       seconds a reboot keeps a device away (default 229)
  --help             this text

Stop with Ctrl-C.`;

export class SimUsageError extends Error {
  override name = 'SimUsageError';
}

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new SimUsageError(`${flag} needs a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new SimUsageError(`${flag} must be between ${min} and ${max}`);
  return n;
}

/** Parses the sim options; pure, so it can be tested without starting anything. */
export function parseSimArgs(argv: readonly string[]): SimulationOptions & { help: boolean } {
  const opts: SimulationOptions & { help: boolean } = { count: 8, help: false };
  const faults: Record<number, Fault> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        opts.help = true;
        break;
      case '--count':
        opts.count = integer('--count', value(), 1, 10_000);
        break;
      case '--base': {
        const v = value();
        if (!v) throw new SimUsageError('--base needs an address');
        opts.base = v;
        break;
      }
      case '--port':
        opts.port = integer('--port', value(), 0, 65535);
        break;
      case '--port-step':
        opts.portStep = true;
        break;
      case '--seed':
        opts.seed = integer('--seed', value(), 0, 2 ** 32 - 1);
        break;
      case '--models': {
        const v = value();
        if (!v) throw new SimUsageError('--models needs a list of model ids');
        opts.models = v.split(',').map((s) => s.trim()).filter(Boolean);
        break;
      }
      case '--write-access': {
        const v = value();
        if (v !== 'on' && v !== 'off') throw new SimUsageError('--write-access wants on or off');
        opts.writeAccess = v === 'on';
        break;
      }
      case '--reboot-s':
        opts.rebootS = integer('--reboot-s', value(), 0, 3600);
        break;
      case '--fault': {
        const v = value() ?? '';
        const m = /^(\d+)=(.+)$/.exec(v);
        if (!m || !isFault(m[2]!)) throw new SimUsageError(`--fault wants INDEX=MODE with MODE one of ${FAULTS.join(', ')}; got "${v}"`);
        faults[Number(m[1])] = m[2];
        break;
      }
      default:
        throw new SimUsageError(`unknown option "${arg}"`);
    }
  }
  for (const index of Object.keys(faults).map(Number)) {
    if (index >= opts.count) throw new SimUsageError(`--fault ${index}=...: there are only ${opts.count} devices (0-${opts.count - 1})`);
  }
  if (Object.keys(faults).length) opts.faults = faults;
  return opts;
}

export function describeSimulation(sim: Simulation): string {
  const lines = sim.devices.map((d, i) => {
    const t = sim.targets[i]!;
    const fault = d.fault === 'none' ? '' : `  [${d.fault}]`;
    return `  ${`${t.host}:${t.port}`.padEnd(22)} ${d.profile.product}${fault}`;
  });
  return `Simulating ${sim.devices.length} AvalonMiner(s):\n${lines.join('\n')}`;
}

/** Runs until SIGINT/SIGTERM; resolves with the process exit code (0 ok, 2 usage error, 1 failure to start). */
export async function runSimCli(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseSimArgs>;
  try {
    opts = parseSimArgs(argv);
  } catch (err) {
    if (!(err instanceof SimUsageError)) throw err;
    process.stderr.write(`hearth sim: ${err.message}\nTry hearth sim --help.\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${SIM_HELP}\n`);
    return 0;
  }
  const { help: _help, ...simOpts } = opts;
  let sim: Simulation;
  try {
    sim = await startSimulation(simOpts);
  } catch (err) {
    process.stderr.write(`hearth sim: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  process.stdout.write(`${describeSimulation(sim)}\nPress Ctrl-C to stop.\n`);
  await untilStopped();
  await sim.close();
  return 0;
}
