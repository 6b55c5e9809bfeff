// Child process of crash.test.ts: writes history for 20 devices until it is
// killed. Mode "round" records a round of 20 samples and commits it at once,
// as fast as the clock allows (up to a thousand transactions a second,
// checkpoints included), printing "committed <t>" after each commit. Mode "timer"
// records a round every 100 ms and leaves committing to the store's own
// flush timer, printing "recorded <t>". stdout to a pipe is synchronous on
// Linux, so a printed line is never ahead of the database.
import { HistoryStore } from '../../../electron/core/history/store.js';

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'round' && mode !== 'timer')) throw new Error('usage: crash-writer.ts <dataDir> round|timer');

const store = HistoryStore.open(dir);
const devices = Array.from({ length: 20 }, (_, i) => `10.1.0.${i + 1}:4028`);
let last = 0;
let accepted = 0;

/** One sample per device, stamped with the wall clock (at most one round per millisecond). */
function round(): number | undefined {
  const at = Date.now();
  if (at === last) return undefined;
  last = at;
  accepted += 3;
  for (const [i, id] of devices.entries()) {
    store.record(id, { ghs: 100_000 + i, tempMaxC: 70, tempInletC: 25, powerW: 3300, fanRpm: 4000, accepted }, at);
  }
  return at;
}

if (mode === 'round') {
  const loop = () => {
    const at = round();
    if (at !== undefined) {
      store.flush();
      process.stdout.write(`committed ${at}\n`);
    }
    setImmediate(loop);
  };
  loop();
} else {
  setInterval(() => process.stdout.write(`recorded ${round() ?? last}\n`), 100);
}
