// Child process of bench/poll.ts: runs the simulated fleet, so that its CPU
// time is not counted as the monitor's. Prints the targets as one JSON line
// when listening; exits when its stdin closes (the parent ended) or on SIGTERM.
import { startSimulation } from '../../electron/core/sim/index.js';

const count = Number(process.argv[2] ?? 500);
const base = process.argv[3] ?? '127.0.40.1';
const sim = await startSimulation({ count, base });
process.stdout.write(`${JSON.stringify(sim.targets)}\n`);

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
