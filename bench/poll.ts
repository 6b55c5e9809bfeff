// Can one process watch 500 miners? The monitor polls 500 simulated devices
// every 5 s for 60 s (after one interval of warm-up), in this process; the
// simulator runs in a child process so its CPU is not counted. Figures: this
// process's CPU share (process.cpuUsage over wall time, % of one core; target
// < 10 %) and poll latency percentiles. Baseline, same run: the same for 50
// devices; the ratio shows how the cost grows with the fleet. Fleet events
// take the service's path: the monitor's changes become deltas
// (FleetDeltaFeed, as in app/service.ts) serialised as the WebSocket server
// does (eventText), so that cost is counted.
// Run: node --import tsx bench/poll.ts [--seconds 60] [--devices 500]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { DeviceRecord } from '../electron/contract/fleet.js';
import { FleetDeltaFeed } from '../electron/core/fleet/delta.js';
import { FleetMonitor } from '../electron/core/fleet/monitor.js';
import { eventText } from '../electron/core/server/event-text.js';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, devices: { type: 'string' } } });
const SECONDS = Number(values.seconds ?? 60);
const DEVICES = Number(values.devices ?? 500);
const BASELINE_DEVICES = Math.max(1, Math.round(DEVICES / 10));
const INTERVAL_MS = 5000;
const TARGET_CPU_PERCENT = 10;

interface Target {
  host: string;
  port: number;
}

interface PhaseResult {
  devices: number;
  cpuPercent: number;
  polls: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  events: number;
  eventKb: number;
  /** Time spent building and serialising one fleet event, mean (ms). */
  eventMs: number;
  /** This process's event-loop delay, p99 (ms): how much of the latency is ours rather than the simulator's. */
  loopP99: number;
}

async function startSimChild(count: number): Promise<{ targets: Target[]; stop: () => void }> {
  const script = fileURLToPath(new URL('./support/poll-sim.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(count), '127.0.40.1'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', (l) => {
      rl.close();
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited early (${code})`)));
  });
  return { targets: JSON.parse(line) as Target[], stop: () => child.stdin.end() };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function phase(targets: Target[]): Promise<PhaseResult> {
  let measuring = false;
  const latencies: number[] = [];
  let failed = 0;
  let events = 0;
  let eventBytes = 0;
  let eventTime = 0;
  const monitor = new FleetMonitor({
    pollIntervalMs: INTERVAL_MS,
    onPollDone: ({ ms, ok }) => {
      if (!measuring) return;
      latencies.push(ms);
      if (!ok) failed++;
    },
  });
  const feed = new FleetDeltaFeed();
  monitor.onChange((fleet) => {
    const t0 = performance.now();
    const delta = feed.advance(fleet);
    const text = delta && eventText('fleet.delta', delta);
    if (!measuring || !text) return;
    eventTime += performance.now() - t0;
    events++;
    eventBytes += text.length;
  });
  for (const t of targets) {
    const record: DeviceRecord = { id: `${t.host}:${t.port}`, host: t.host, port: t.port, source: 'manual', addedAt: 0 };
    monitor.track(record);
  }
  await new Promise((r) => setTimeout(r, INTERVAL_MS)); // warm-up: every device polled once
  measuring = true;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  measuring = false;
  loop.disable();
  monitor.close();
  latencies.sort((a, b) => a - b);
  return {
    devices: targets.length,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    polls: latencies.length,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    events,
    eventKb: events > 0 ? eventBytes / events / 1024 : 0,
    eventMs: events > 0 ? eventTime / events : 0,
    loopP99: loop.percentile(99) / 1e6,
  };
}

function show(label: string, r: PhaseResult): void {
  const expected = Math.round((r.devices * SECONDS * 1000) / INTERVAL_MS);
  console.log(
    `${label.padEnd(10)} ${String(r.devices).padStart(4)} devices: CPU ${r.cpuPercent.toFixed(2)} % of one core; ` +
      `${r.polls} polls (expected ~${expected}), ${r.failed} failed; latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; ` +
      `${r.events} fleet events of ${r.eventKb.toFixed(0)} KiB, ${r.eventMs.toFixed(2)} ms each to build and serialise; event-loop delay p99 ${r.loopP99.toFixed(1)} ms`,
  );
}

const sim = await startSimChild(DEVICES);
try {
  console.log(`poll bench: interval ${INTERVAL_MS} ms, ${SECONDS} s measured per phase after ${INTERVAL_MS / 1000} s warm-up; simulator in a child process`);
  const baseline = await phase(sim.targets.slice(0, BASELINE_DEVICES));
  show('baseline', baseline);
  const full = await phase(sim.targets);
  show('fleet', full);
  const ratio = full.cpuPercent / baseline.cpuPercent;
  console.log(
    `ratio: ${ratio.toFixed(1)}x the CPU for ${(full.devices / baseline.devices).toFixed(0)}x the devices; ` +
      `p99 ${(full.p99 / baseline.p99).toFixed(1)}x. Target < ${TARGET_CPU_PERCENT} % for ${DEVICES}: ${full.cpuPercent < TARGET_CPU_PERCENT ? 'met' : 'MISSED'}`,
  );
  if (full.cpuPercent >= TARGET_CPU_PERCENT) process.exitCode = 1;
} finally {
  sim.stop();
}
