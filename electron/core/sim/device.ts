// One simulated AvalonMiner: its settable state (work mode, fan, pools,
// fault, ...), and a behaviour model advanced in whole simulated seconds, so
// that its figures at clock time t depend only on the seed, t and the state
// changes made so far - never on how often it was polled.
import { createHash } from 'node:crypto';
import type { Fault } from './faults.js';
import type { SimMode, SimProfile } from './profiles.js';
import { createPrng, mixSeed, type Prng } from './prng.js';
import { activePoolIndex, defaultPools, newPool, poolStatus, type PoolStatus, type SimPool } from './pools.js';
import {
  FAN_GAIN,
  FAN_TAU_S,
  THERMAL_TAU_S,
  airflowForTarget,
  dutyForAirflow,
  emaAlpha,
  equilibriumTemp,
  fanRpmForDuty,
  type ThermalRef,
} from './physics.js';

export interface CommandLogEntry {
  /** Clock time (ms) the request was handled. */
  at: number;
  command: string;
  parameter?: string;
  privileged: boolean;
}

const COMMAND_LOG_LIMIT = 1000;
const TWO_32 = 2 ** 32;
/** Hardware errors per second (captures: Nano 3 301 in 4 days, Mini 3 62 in 9 h). */
const HW_ERRORS_PER_S = 0.0015;
const REJECT_RATIO = 0.006;
const STALE_RATIO = 0.001;
/** Board error code reported by a dead board (Canaan log guide: 513 = abnormal). */
export const BOARD_DOWN_ECHU = 513;
/** Temperature drop below the cut-off before a tripped device hashes again. */
const OVERHEAT_HYSTERESIS_C = 15;
/** Seconds a reboot takes until the API answers again (a Q took 3 min 49 s, avalon-protocol.md 4.5). */
export const REBOOT_S = 229;
/** A clock jump longer than this is fast-forwarded analytically rather than stepped. */
const MAX_STEPPED_S = 4 * 3600;
// Per-second weights of the rolling averages (cgminer's 5 s / 30 s log windows, 1, 5, 15 min) and lags.
const ALPHA_5S = emaAlpha(5);
const ALPHA_30S = emaAlpha(30);
const ALPHA_1M = emaAlpha(60);
const ALPHA_5M = emaAlpha(300);
const ALPHA_15M = emaAlpha(900);
const ALPHA_THERMAL = emaAlpha(THERMAL_TAU_S);
const ALPHA_FAN = emaAlpha(FAN_TAU_S);

interface BoardState {
  /** Fraction of the device's hash rate this board contributes. */
  share: number;
  tempC: number;
  diff1: number;
  hwErrors: number;
  chipTempOffsets: number[];
  /** The largest of chipTempOffsets: the hottest chip decides the over-temperature trip. */
  hottestChipOffset: number;
  chipMvOffsets: number[];
  /** Relative nonce yield of each chip (weak chips match fewer nonces). */
  chipYield: number[];
  /** Seconds hashed, weighted by the work mode's hash factor: drives the per-chip nonce counters. */
  hashedUnits: number;
}

export interface BoardReading {
  index: number;
  hashing: boolean;
  /** Average since boot from this board's diff-1 shares (`MGHS`). */
  ghsAvg: number;
  /** Theoretical rate from PLL set points (`GHSmm` share). */
  ghsMm: number;
  tempAvgC: number;
  tempMaxC: number;
  chipTempsC: number[];
  chipMv: number[];
  avgMv: number;
  hwErrors: number;
  echu: number;
  /** Per-chip matched nonce counts (`MW<n>`). */
  matchedWorks: number[];
}

export interface PoolReading {
  index: number;
  pool: SimPool;
  status: PoolStatus;
  active: boolean;
}

export type RunState = 'init' | 'work' | 'idle' | 'fault';

/** One module of a controller-era rig (integrated models have one). */
export interface ModuleReading {
  /** 0-based; the stats key is `MM ID<index + 1>`. */
  index: number;
  /** False while the module reboots: the host driver drops it from stats until it answers again. */
  present: boolean;
  /** Seconds since the module (re)started. */
  elapsedS: number;
  led: number;
  /** Indices into `boards` of this module's hash boards. */
  boards: number[];
}

/** Every figure a reply needs, at one simulated second. */
export interface SimReading {
  at: number;
  elapsedS: number;
  /** STATUS `When`: seconds since boot on A-series, Unix time on the home models. */
  when: number;
  ghs5s: number;
  ghs30s: number;
  ghs1m: number;
  ghs5m: number;
  ghs15m: number;
  ghsAvg: number;
  ghsMm: number;
  diff1: number;
  accepted: number;
  rejected: number;
  stale: number;
  hwErrors: number;
  diffAccepted: number;
  diffRejected: number;
  diffStale: number;
  bestShare: number;
  getworks: number;
  localWork: number;
  /** `LW`: jobs sent to chips. */
  chipWorks: number;
  inletC: number;
  outletC: number;
  tempMaxC: number;
  tempAvgC: number;
  targetTempC: number;
  fanDuty: number;
  fanRpm: number[];
  wallW: number;
  /** DC power delivered to the hash boards. */
  boardW: number;
  /** Max power of the current calibration (`MPO`). */
  maxPowerW: number;
  mode: SimMode;
  workLevel: number;
  state: RunState;
  overheated: boolean;
  softOff: boolean;
  led: number;
  ledUser: readonly number[];
  dhPercent: number;
  freqMhz: number;
  boards: BoardReading[];
  /** One entry per module: several on controller-era rigs, one elsewhere. */
  modules: ModuleReading[];
  pools: PoolReading[];
  netfail: number[];
  poolFailures: number;
  /** Pool round trip (`PING`), ms; 0 while not hashing. */
  pingMs: number;
}

export interface SimDeviceOptions {
  index: number;
  host: string;
  port: number;
  profile: SimProfile;
  seed: number;
  now: () => number;
  /** Seconds a reboot keeps the API away; default REBOOT_S (tests use a few seconds). */
  rebootS?: number;
  /** The pools the device starts with (at most three); default three on pool.example.com. */
  poolUrls?: readonly string[];
}

/** A pool slot written with `setpool`: used from the next boot ("Please reboot miner to make config work"). */
export interface PendingPool {
  url: string;
  user: string;
  password: string;
}

/** The web login the simulated home miners check `setpool` against (a simulator choice, docs/simulator.md). */
export const SIM_WEB_USER = 'root';
export const SIM_WEB_PASSWORD = 'root';
/** `LEDUser[...]` of the Nano 3S capture: effect-bright-colour temperature-r-g-b. */
const DEFAULT_LED_USER: readonly number[] = [0, 100, 100, 5, 0, 255];

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const mean = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);

export class SimDevice {
  readonly index: number;
  readonly host: string;
  readonly port: number;
  readonly profile: SimProfile;
  readonly seed: number;
  readonly dna: string;
  readonly mac: string;
  readonly now: () => number;

  // Settable state. Privileged commands will change these (work mode, fan,
  // pools, soft off, reboot); the behaviour model reads them every second.
  fault: Fault = 'none';
  /**
   * Whether privileged commands run: off on the A-series (a default install
   * has no `W:` entry in --api-allow), on for the home models, whose firmware
   * has no access control.
   */
  writeAccess: boolean;
  workMode: number;
  workLevel = 0;
  /** Fan duty percent, or 'auto' for the firmware's temperature control. */
  fanPercent: number | 'auto' = 'auto';
  /** Overrides the mode's target temperature when set. */
  targetTempC: number | undefined;
  led = 0;
  /** Nano 3S `ledset` state: effect (0 off, 1 steady, 2 blink, ...), brightness, colour temperature, r, g, b. */
  ledUser: number[] = [...DEFAULT_LED_USER];
  /** PLL points set with `frequency` (4 on MM319, 1, 4 or 7 on controller rigs), overriding the mode's until the next work mode change or reboot. */
  pllOverride: readonly number[] | undefined;
  /** Supply voltage set with `voltage` (0.01 V); stored only, it does not feed the behaviour model. */
  voltage: number | undefined;
  /** Controller-era `voltage-level` (stored only, like `voltage`). */
  voltageLevel: number | undefined;
  /** Controller-era `fan,<min>-<max>`: the range the automatic fan control keeps to. */
  fanLimits: readonly [number, number] | undefined;
  /** A10 `workmode,<m>`: the mode the next boot runs (A10 manual 2.4: "effective after restart"). */
  pendingWorkMode: number | undefined;
  /** Per module (controller era): the locate LED of `MM ID<i + 1>`. Integrated models use `led`. */
  readonly moduleLed: number[];
  readonly webUser = SIM_WEB_USER;
  /** SHA-256 hex of the web password, as the MM319 firmware stores it [N3S-API setpool]. */
  readonly webPasswordSha256 = sha256Hex(SIM_WEB_PASSWORD);
  /** Pool slots written with `setpool`, applied at the next boot. */
  readonly pendingPools = new Map<number, PendingPool>();
  readonly rebootS: number;
  softOff = false;
  /** A reboot in progress or scheduled: from `rebootStartsAt` until `rebootingUntil` the API is gone and nothing hashes. */
  rebootStartsAt: number | undefined;
  rebootingUntil: number | undefined;
  pools: SimPool[];
  readonly commandLog: CommandLogEntry[] = [];

  private readonly rng: Prng;
  private tickAt: number;
  private bootAt: number;
  private readonly inletBaseC: number;
  private readonly basePingMs: number;
  private readonly boards: BoardState[];
  private readonly downBoard: number;
  private readonly moduleBootAt: number[];
  private readonly moduleRebootUntil: (number | undefined)[];
  private fanDuty: number;
  private fanRpm: number[];
  private ema = { s5: 0, s30: 0, m1: 0, m5: 0, m15: 0 };
  private drift = 0;
  private overheated = false;
  private hwErrorsTotal = 0;
  private bestShare = 0;
  private localWork = 0;
  private chipWorks = 0;
  private netfail: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  private poolFailures = 0;
  private poolsDeadSince: number | undefined;

  constructor(opts: SimDeviceOptions) {
    this.index = opts.index;
    this.host = opts.host;
    this.port = opts.port;
    this.profile = opts.profile;
    this.seed = opts.seed;
    this.now = opts.now;
    this.rebootS = opts.rebootS ?? REBOOT_S;
    this.rng = createPrng(opts.seed);
    const r = this.rng;
    const hex = (digits: number): string =>
      Array.from({ length: digits }, () => r.int(16).toString(16)).join('');
    this.dna = `0201${hex(12)}`;
    this.mac = `e0e1a9${hex(6)}`;
    this.workMode = opts.profile.defaultMode;
    // A-series and controller rigs ship without a W: allow entry; the A10 manual documents writes from any host.
    this.writeAccess = opts.profile.dialect !== 'a-series' && opts.profile.dialect !== 'controller';
    const pools = defaultPools(`hearthdemo.${opts.profile.id}-${opts.index + 1}`, opts.poolUrls);
    // The A10 has a single pool (its manual's `pools` example: "1 Pool(s)"; `setpool` has no slot).
    this.pools = opts.profile.dialect === 'a10' ? pools.slice(0, 1) : pools;
    this.inletBaseC = 22 + r.next() * 8;
    this.basePingMs = 60 + r.int(90);
    const p = opts.profile;
    const shares = Array.from({ length: p.hashBoards }, () => 1 + 0.03 * r.normal());
    const shareSum = shares.reduce((a, b) => a + b, 0);
    this.boards = shares.map((s) => {
      // Chips further along the airflow run hotter (as in the A1566 PVT_T arrays).
      const chipTempOffsets = Array.from({ length: p.chipsPerBoard }, (_, i) => 6 * (i / p.chipsPerBoard - 0.5) + 1.8 * r.normal());
      return {
        share: s / shareSum,
        tempC: this.inletBaseC,
        diff1: 0,
        hwErrors: 0,
        chipTempOffsets,
        hottestChipOffset: Math.max(...chipTempOffsets),
        chipMvOffsets: Array.from({ length: p.chipsPerBoard }, () => Math.round(4 * r.normal())),
        chipYield: Array.from({ length: p.chipsPerBoard }, () => Math.max(0.2, 1 + 0.2 * r.normal())),
        hashedUnits: 0,
      };
    });
    this.downBoard = p.hashBoards > 1 ? 1 : 0;
    this.fanRpm = Array.from({ length: p.fans }, () => 0);
    this.fanDuty = p.refFanPercent;
    const start = this.now();
    this.tickAt = Math.floor(start / 1000) * 1000;
    // Devices have been running a while when the simulation starts: from ten minutes to twenty days.
    const uptimeS = Math.round(600 + r.next() * 20 * 86400);
    this.bootAt = this.tickAt - uptimeS * 1000;
    const moduleCount = p.controller?.modules ?? 1;
    this.moduleLed = Array.from({ length: moduleCount }, () => 0);
    this.moduleBootAt = Array.from({ length: moduleCount }, () => this.bootAt);
    this.moduleRebootUntil = Array.from({ length: moduleCount }, () => undefined);
    this.settle(uptimeS);
  }

  mode(): SimMode {
    const p = this.profile;
    const base = p.modes.find((m) => m.value === this.workMode) ?? p.modes.find((m) => m.value === p.defaultMode) ?? p.modes[0]!;
    const pll = this.pllOverride;
    if (pll === undefined || pll.length === 0) return base;
    // Hash rate and power follow the mean PLL frequency (same chips, same voltage).
    const scale = mean(pll) / mean(base.pllMhz);
    const [a = 0, b = a, c = b, d = c] = pll.length === 4 ? pll : base.pllMhz.map((f) => Math.round(f * scale));
    return { ...base, pllMhz: [a, b, c, d], hashFactor: base.hashFactor * scale, powerFactor: base.powerFactor * scale };
  }

  /** Changes the work mode; the firmware recalibrates, dropping a frequency set by hand. */
  setWorkMode(value: number): void {
    this.advance();
    this.workMode = value;
    this.pllOverride = undefined;
  }

  /**
   * Restarts one module of a controller-era rig (`reboot,<module>`): it
   * hashes nothing and is absent from stats for `rebootS`, then counts its
   * uptime from zero. The controller and its API keep running.
   */
  rebootModule(module: number): void {
    if (module < 0 || module >= this.moduleBootAt.length) return;
    this.advance();
    this.moduleRebootUntil[module] = this.tickAt + this.rebootS * 1000;
  }

  /** Modules of the rig (1 on integrated and home models). */
  get moduleCount(): number {
    return this.moduleBootAt.length;
  }

  private moduleRebooting(module: number, at: number): boolean {
    const until = this.moduleRebootUntil[module];
    return until !== undefined && at < until;
  }

  /** The module a board belongs to (boards are numbered module by module). */
  private moduleOfBoard(board: number): number {
    return Math.floor(board / (this.profile.hashBoards / this.moduleBootAt.length));
  }

  /** Brings the model up to the clock, one simulated second at a time. */
  advance(now: number = this.now()): void {
    const target = Math.floor(now / 1000) * 1000;
    let steps = (target - this.tickAt) / 1000;
    if (steps <= 0) return;
    if (steps > MAX_STEPPED_S) {
      const skipped = steps - MAX_STEPPED_S;
      this.tickAt += skipped * 1000;
      this.accrue(skipped);
      steps = MAX_STEPPED_S;
    }
    for (let i = 0; i < steps; i++) this.tick();
  }

  setFault(fault: Fault): void {
    this.advance();
    const was = this.fault;
    this.fault = fault;
    if (fault === 'overheat' && was !== 'overheat') {
      // The fault stands for blocked cooling found already hot: chips are past the cut-off now.
      for (const b of this.boards) b.tempC = Math.max(b.tempC, this.profile.overheatC + 4);
      this.overheated = true;
    }
    const deadNow = fault === 'pool-dead';
    if (deadNow && was !== 'pool-dead') {
      this.poolsDeadSince = this.tickAt;
      this.poolFailures++;
    } else if (!deadNow && was === 'pool-dead' && this.poolsDeadSince !== undefined) {
      this.netfail = [...this.netfail.slice(2), this.whenAt(this.poolsDeadSince), this.whenAt(this.tickAt)];
      this.poolsDeadSince = undefined;
    }
  }

  logCommand(entry: CommandLogEntry): void {
    this.commandLog.push(entry);
    if (this.commandLog.length > COMMAND_LOG_LIMIT) this.commandLog.splice(0, this.commandLog.length - COMMAND_LOG_LIMIT);
  }

  /** True while the API port should answer (not offline, not rebooting). */
  reachable(now: number = this.now()): boolean {
    return this.fault !== 'offline' && !this.rebooting(now);
  }

  /**
   * Reboots `delayS` seconds from now. The device is away for `rebootS`
   * (by default about what a Q took to answer again), then starts over:
   * uptime and counters from zero, soft-off and hand-set frequency cleared,
   * pools written with `setpool` in use.
   */
  reboot(delayS = 0): void {
    this.advance();
    this.rebootStartsAt = this.tickAt + delayS * 1000;
    this.rebootingUntil = this.rebootStartsAt + this.rebootS * 1000;
  }

  private rebooting(at: number): boolean {
    return this.rebootStartsAt !== undefined && this.rebootingUntil !== undefined && at >= this.rebootStartsAt && at < this.rebootingUntil;
  }

  /** The state of a freshly booted device. */
  private restart(at: number): void {
    this.bootAt = at;
    this.rebootStartsAt = undefined;
    this.rebootingUntil = undefined;
    this.softOff = false;
    this.overheated = false;
    this.pllOverride = undefined;
    if (this.pendingWorkMode !== undefined) this.workMode = this.pendingWorkMode;
    this.pendingWorkMode = undefined;
    this.moduleBootAt.fill(at);
    this.moduleRebootUntil.fill(undefined);
    for (const [slot, pool] of this.pendingPools) {
      const existing = this.pools[slot];
      const fresh = { ...newPool(pool.url, pool.user, existing?.priority ?? slot), password: pool.password };
      if (slot < this.pools.length) this.pools[slot] = fresh;
      else this.pools.push(fresh);
    }
    this.pendingPools.clear();
    for (const b of this.boards) {
      b.diff1 = 0;
      b.hwErrors = 0;
      b.hashedUnits = 0;
    }
    this.pools = this.pools.map((pool) => ({ ...newPool(pool.url, pool.user, pool.priority), enabled: pool.enabled, password: pool.password }));
    this.ema = { s5: 0, s30: 0, m1: 0, m5: 0, m15: 0 };
    this.hwErrorsTotal = 0;
    this.bestShare = 0;
    this.localWork = 0;
    this.chipWorks = 0;
  }

  private targetTemp(): number {
    return this.targetTempC ?? this.mode().targetTempC;
  }

  private poolsDead(): boolean {
    return this.fault === 'pool-dead';
  }

  private activePool(): SimPool | undefined {
    const i = activePoolIndex(this.pools, this.poolsDead());
    return i >= 0 ? this.pools[i] : undefined;
  }

  private hashing(at: number): boolean {
    return !this.softOff && !this.rebooting(at) && !this.overheated && this.activePool() !== undefined;
  }

  private boardHashing(i: number, at: number): boolean {
    return this.hashing(at) && !(this.fault === 'board-down' && i === this.downBoard) && !this.moduleRebooting(this.moduleOfBoard(i), at);
  }

  /** Expected GH/s of board i when it hashes (before share noise). */
  private boardRate(i: number): number {
    const p = this.profile;
    return p.nominalGhs * this.mode().hashFactor * (this.boards[i]?.share ?? 0) * (1 - p.dhPercent / 100);
  }

  private thermalRef(): ThermalRef {
    const p = this.profile;
    return {
      riseC: p.refRiseC,
      heatW: (p.nominalW - p.idleW) / p.hashBoards,
      airflow: fanRpmForDuty(p.refFanPercent, p.maxFanRpm) / p.maxFanRpm,
    };
  }

  private boardHeat(i: number, at: number): number {
    const p = this.profile;
    if (!this.boardHashing(i, at)) return 0;
    return (p.nominalW * this.mode().powerFactor - p.idleW) / p.hashBoards;
  }

  private airflow(): number {
    const p = this.profile;
    return this.fanRpm.reduce((a, rpm) => a + rpm, 0) / (p.fans * p.maxFanRpm);
  }

  private fanTargetRpm(fan: number): number {
    if (this.fault === 'fan-failure' && fan === 0) return 0;
    return fanRpmForDuty(this.fanDuty, this.profile.maxFanRpm);
  }

  /** Puts the model in the steady state it would have reached after `uptimeS` seconds of normal work. */
  private settle(uptimeS: number): void {
    const p = this.profile;
    const at = this.tickAt;
    const heat = this.boardHeat(0, at);
    const ref = this.thermalRef();
    const needed = airflowForTarget(this.inletBaseC, this.targetTemp(), heat, ref);
    this.fanDuty = Math.min(100, Math.max(p.minFanPercent, dutyForAirflow(needed)));
    this.fanRpm = this.fanRpm.map((_, f) => this.fanTargetRpm(f));
    for (let i = 0; i < this.boards.length; i++) {
      this.boards[i]!.tempC = equilibriumTemp(this.inletBaseC, this.boardHeat(i, at), this.airflow(), ref);
    }
    const rate = this.boards.reduce((a, _, i) => a + (this.boardHashing(i, at) ? this.boardRate(i) : 0), 0);
    this.ema = { s5: rate, s30: rate, m1: rate, m5: rate, m15: rate };
    this.accrue(uptimeS);
  }

  /** Adds `seconds` of expected share counts at the current rates, without per-second noise. */
  private accrue(seconds: number): void {
    const at = this.tickAt;
    let diff1 = 0;
    this.boards.forEach((b, i) => {
      if (!this.boardHashing(i, at)) return;
      const n = Math.round((this.boardRate(i) * 1e9 * seconds) / TWO_32);
      b.hashedUnits += seconds * this.mode().hashFactor;
      b.diff1 += n;
      diff1 += n;
      const hw = Math.round(HW_ERRORS_PER_S * seconds * b.share);
      b.hwErrors += hw;
      this.hwErrorsTotal += hw;
    });
    const pool = this.activePool();
    if (!pool || diff1 === 0) return;
    this.localWork += Math.round(seconds * 5);
    this.chipWorks += seconds * this.profile.localWorkPerS;
    const shares = Math.round(diff1 / this.profile.poolDiff);
    this.creditShares(pool, diff1, shares, at);
    this.bestShare = Math.max(this.bestShare, diff1 / -Math.log(Math.max(1e-12, this.rng.next())));
    pool.getworks += Math.round(seconds / 36);
    pool.works += seconds * 10;
  }

  private creditShares(pool: SimPool, diff1: number, found: number, at: number): void {
    const d = this.profile.poolDiff;
    const rejected = Math.round(found * REJECT_RATIO);
    const stale = Math.round(found * STALE_RATIO);
    const accepted = found - rejected - stale;
    pool.diff1 += diff1;
    pool.accepted += accepted;
    pool.rejected += rejected;
    pool.stale += stale;
    pool.diffAccepted += accepted * d;
    pool.diffRejected += rejected * d;
    pool.diffStale += stale * d;
    if (accepted > 0) {
      pool.lastShareAt = at;
      pool.lastShareDifficulty = d;
    }
  }

  private tick(): void {
    const r = this.rng;
    const p = this.profile;
    const at = this.tickAt + 1000;
    if (this.rebootingUntil !== undefined && at >= this.rebootingUntil) this.restart(at);
    this.moduleRebootUntil.forEach((until, m) => {
      if (until !== undefined && at >= until) {
        this.moduleRebootUntil[m] = undefined;
        this.moduleBootAt[m] = at;
      }
    });
    const hashing = this.hashing(at);
    const boardOn = this.boards.map((_, i) => hashing && this.boardHashing(i, at));

    // Hash rate: a slow per-device drift plus Poisson share counts.
    this.drift = this.drift * 0.995 + 0.002 * r.normal();
    let diff1 = 0;
    const hashFactor = this.mode().hashFactor;
    this.boards.forEach((b, i) => {
      if (!boardOn[i]) return;
      b.hashedUnits += hashFactor;
      const ghs = this.boardRate(i) * (1 + this.drift + 0.015 * r.normal());
      const n = r.poisson(Math.max(0, (ghs * 1e9) / TWO_32));
      b.diff1 += n;
      diff1 += n;
      const hw = r.poisson(HW_ERRORS_PER_S * b.share);
      b.hwErrors += hw;
      this.hwErrorsTotal += hw;
    });
    const sample = (diff1 * TWO_32) / 1e9;
    const e = this.ema;
    e.s5 += (sample - e.s5) * ALPHA_5S;
    e.s30 += (sample - e.s30) * ALPHA_30S;
    e.m1 += (sample - e.m1) * ALPHA_1M;
    e.m5 += (sample - e.m5) * ALPHA_5M;
    e.m15 += (sample - e.m15) * ALPHA_15M;
    const pool = hashing ? this.activePool() : undefined;
    if (pool) {
      pool.works += 10;
      if (r.next() < 1 / 36) pool.getworks++;
      this.localWork += 5;
      this.chipWorks += p.localWorkPerS;
      if (diff1 > 0) {
        const found = r.poisson(diff1 / p.poolDiff);
        this.creditShares(pool, diff1, found, at);
        this.bestShare = Math.max(this.bestShare, diff1 / -Math.log(Math.max(1e-12, r.next())));
      }
    }

    // Temperatures relax towards the equilibrium of the current heat and airflow.
    const ref = this.thermalRef();
    const airflow = this.airflow();
    const heat = (p.nominalW * this.mode().powerFactor - p.idleW) / p.hashBoards;
    let hottestChip = -Infinity;
    let hottestBoard = -Infinity;
    this.boards.forEach((b, i) => {
      let eq = equilibriumTemp(this.inletBaseC, boardOn[i] ? heat : 0, airflow, ref);
      if (this.fault === 'overheat') eq = Math.max(eq, p.overheatC + 6);
      b.tempC += (eq - b.tempC) * ALPHA_THERMAL;
      hottestChip = Math.max(hottestChip, b.tempC + b.hottestChipOffset);
      hottestBoard = Math.max(hottestBoard, b.tempC);
    });
    if (hottestChip >= p.overheatC) this.overheated = true;
    else if (this.overheated && this.fault !== 'overheat' && hottestChip < p.overheatC - OVERHEAT_HYSTERESIS_C) this.overheated = false;

    // Fans: the firmware's integral control holds the chip average at the target.
    if (this.fanPercent === 'auto') {
      const error = boardOn.some(Boolean) ? hottestBoard - this.targetTemp() : -5;
      const [low, high] = this.fanLimits ?? [p.minFanPercent, 100];
      this.fanDuty = Math.min(high, Math.max(low, this.fanDuty + FAN_GAIN * error));
    } else {
      this.fanDuty = this.fanPercent;
    }
    this.fanRpm = this.fanRpm.map((rpm, f) => rpm + (this.fanTargetRpm(f) - rpm) * ALPHA_FAN);

    this.tickAt = at;
  }

  private whenAt(at: number): number {
    // MM3/MM4 control boards count from boot; controller (Raspberry Pi) and home firmwares print Unix time.
    const sinceBoot = this.profile.dialect === 'a-series' || this.profile.dialect === 'a10';
    return sinceBoot ? Math.floor((at - this.bootAt) / 1000) + 11 : Math.floor(at / 1000);
  }

  /** The device's figures now. Per-chip noise is drawn from the tick, so two readings of one second agree. */
  reading(): SimReading {
    this.advance();
    const p = this.profile;
    const at = this.tickAt;
    const mode = this.mode();
    const nr = createPrng(mixSeed(this.seed, at / 1000));
    const elapsedS = Math.max(1, Math.floor((at - this.bootAt) / 1000));
    const hashing = this.hashing(at);
    const boards: BoardReading[] = this.boards.map((b, i) => {
      const on = this.boardHashing(i, at);
      const detected = !(this.fault === 'board-down' && i === this.downBoard);
      const chipTempsC = b.chipTempOffsets.map((o) => (detected ? Math.round(b.tempC + o + 0.6 * nr.normal()) : 0));
      const chipMv = b.chipMvOffsets.map((o) => (detected ? Math.round(p.chipMv + o + nr.normal()) : 0));
      const live = chipTempsC.filter((t) => t !== 0);
      return {
        index: i,
        hashing: on,
        ghsAvg: (b.diff1 * TWO_32) / 1e9 / elapsedS,
        ghsMm: on ? (this.boardRate(i) / (1 - p.dhPercent / 100)) * 1.01 : 0,
        tempAvgC: live.length ? Math.round(live.reduce((a, t) => a + t, 0) / live.length) : 0,
        tempMaxC: live.length ? Math.max(...live) : 0,
        chipTempsC,
        chipMv,
        avgMv: detected ? chipMv.reduce((a, v) => a + v, 0) / chipMv.length : 0,
        hwErrors: b.hwErrors,
        echu: detected ? 0 : BOARD_DOWN_ECHU,
        matchedWorks: b.chipYield.map((y) => (detected ? Math.floor(b.hashedUnits * p.matchedWorksPerChipS * y) : 0)),
      };
    });
    const hot = boards.filter((b) => b.tempMaxC !== 0);
    const tempMaxC = hot.length ? Math.max(...hot.map((b) => b.tempMaxC)) : 0;
    const tempAvgC = hot.length ? Math.round(hot.reduce((a, b) => a + b.tempAvgC, 0) / hot.length) : 0;
    const activeFraction = boards.filter((b) => b.hashing).length / boards.length;
    const hashW = Math.max(0, p.nominalW * mode.powerFactor - p.idleW) * activeFraction * (1 + 0.004 * nr.normal());
    const wallW = Math.round(p.idleW + hashW);
    const activeIndex = activePoolIndex(this.pools, this.poolsDead());
    const pools = this.pools.map((pool, index) => ({ index, pool, status: poolStatus(pool, this.poolsDead()), active: index === activeIndex }));
    const sum = (f: (pool: SimPool) => number): number => this.pools.reduce((a, pool) => a + f(pool), 0);
    const diff1 = this.boards.reduce((a, b) => a + b.diff1, 0);
    const inletC = Math.round(this.inletBaseC + 0.4 * nr.normal());
    const netfail =
      this.poolsDeadSince !== undefined ? [...this.netfail.slice(2), this.whenAt(this.poolsDeadSince), 0] : this.netfail;
    let state: RunState = 'work';
    if (this.overheated) state = 'fault';
    else if (boards.every((b) => b.echu !== 0)) state = 'fault';
    else if (!hashing) state = 'idle';
    const meanPll = mean(mode.pllMhz);
    const boardsPerModule = p.hashBoards / this.moduleCount;
    const modules: ModuleReading[] = this.moduleBootAt.map((bootAt, m) => ({
      index: m,
      present: !this.moduleRebooting(m, at),
      elapsedS: Math.max(0, Math.floor((at - bootAt) / 1000)),
      led: p.controller === undefined ? this.led : (this.moduleLed[m] ?? 0),
      boards: Array.from({ length: boardsPerModule }, (_, b) => m * boardsPerModule + b),
    }));
    return {
      at,
      elapsedS,
      when: this.whenAt(at),
      ghs5s: this.ema.s5,
      ghs30s: this.ema.s30,
      ghs1m: this.ema.m1,
      ghs5m: this.ema.m5,
      ghs15m: this.ema.m15,
      ghsAvg: (diff1 * TWO_32) / 1e9 / elapsedS,
      ghsMm: boards.reduce((a, b) => a + b.ghsMm, 0),
      diff1,
      accepted: sum((x) => x.accepted),
      rejected: sum((x) => x.rejected),
      stale: sum((x) => x.stale),
      hwErrors: this.hwErrorsTotal,
      diffAccepted: sum((x) => x.diffAccepted),
      diffRejected: sum((x) => x.diffRejected),
      diffStale: sum((x) => x.diffStale),
      bestShare: Math.round(this.bestShare),
      getworks: sum((x) => x.getworks),
      localWork: this.localWork,
      chipWorks: Math.round(this.chipWorks),
      inletC,
      outletC: Math.round(inletC + (tempAvgC - inletC) * 0.65),
      tempMaxC,
      tempAvgC,
      targetTempC: this.targetTemp(),
      fanDuty: Math.round(this.fanDuty),
      fanRpm: this.fanRpm.map((rpm) => Math.round(rpm * (rpm > 0 ? 1 + 0.004 * nr.normal() : 1))),
      wallW,
      boardW: hashW > 0 ? Math.round(hashW * 0.945) : 0,
      // MPO is close to the board (DC) power on the A-series and Mini 3/Q, and equals wall power on the Nanos.
      maxPowerW: Math.round(p.nominalW * mode.powerFactor * (p.dialect === 'nano3' || p.dialect === 'nano3s' ? 1 : 0.945)),
      mode,
      workLevel: this.workLevel,
      state,
      overheated: this.overheated,
      softOff: this.softOff,
      led: this.led,
      ledUser: this.ledUser,
      dhPercent: hashing ? p.dhPercent * (1 + 0.1 * nr.normal()) : 0,
      freqMhz: hashing ? meanPll * (1 + 0.004 * nr.normal()) : 0,
      boards,
      modules,
      pools,
      netfail,
      poolFailures: this.poolFailures,
      pingMs: hashing ? Math.max(1, Math.round(this.basePingMs + 8 * nr.normal())) : 0,
    };
  }
}
