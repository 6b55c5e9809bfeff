// Privileged commands, once the access check has let them through (always on
// the Nano 3, Nano 3S, Mini 3 and Q; with write access on the A-series). The
// ones modelled change the device's state; options a firmware lists but the
// simulator does not model answer an explicit "not simulated" failure rather
// than a false success.
import { createHash } from 'node:crypto';
import { a10Ascset } from './ascset-a10.js';
import { controllerAscset } from './ascset-controller.js';
import { failed, info, ok, parseInteger } from './ascset-reply.js';
import type { SimDevice, SimReading } from './device.js';
import { activePoolIndex, newPool } from './pools.js';
import { statusReply } from './replies.js';
import type { Reply } from './wire.js';

/** The Q's `ascset|0,help` list (capture). */
const Q_OPTIONS = 'help|voltage|fan-spd|lcd|hash-sn-read|hash-sn-write|volt-tuning|workmode|worklevel|work_mode_lvl|reboot|softon|softoff|filter-clean|facopts|faclock|activate|solo-allowed|frequency|loop|password|qr_auth|time'.split('|');

/** `ascset` options per dialect: the Q capture, the Nano 3S source, avalon-nano-cli for the Nano 3. */
const ASCSET_OPTIONS: Record<string, readonly string[]> = {
  q: Q_OPTIONS,
  // Assumed to match the Q: same SWTYPE (MM319), and the same tools drive both.
  mini3: Q_OPTIONS,
  nano3s: 'help|voltage|fan-spd|ledmode|ledset|lcd|nightlamp|wallpaper|hash-sn-read|volt-adjust-switch|workmode|worklevel|work_mode_lvl|reboot|filter-clean|facopts|faclock|frequency|loop|password|qr_auth'.split('|'),
  nano3: ['help', 'worklevel', 'led', 'reboot', 'password'],
  // What pyasic and the A10 manual send to A11-A15 [PYASIC-AVA; A10DOC]; the firmware's full list is not published.
  'a-series': ['worklevel', 'led', 'softoff', 'softon', 'reboot'],
};

/**
 * `voltage` bounds (0.01 V) in the firmware's own error text: the Q's
 * [Q-RE-NOTES], a Mini 3 tool's [THERMALKEY]; the Nano 3S reads its from the
 * power board, so its figure here is a simulator choice (docs/simulator.md).
 */
const VOLTAGE_RANGE: Record<string, readonly [number, number]> = {
  q: [2150, 2600],
  mini3: [1700, 2200],
  nano3s: [2150, 2600],
};
/** Highest PLL point the MM319 driver accepts (`AVALON_DEFAULT_FREQUENCY_MAX`) [N3S-DRV]. */
const FREQUENCY_MAX_MHZ = 1195;

/** Options that run without a value (`help`, `voltage` as a query, `loop`); the firmware refuses the rest without one. */
const OPTIONAL_VALUE = new Set(['help', 'voltage', 'loop']);

function modeRange(dev: SimDevice): [number, number] {
  const values = dev.profile.modes.map((m) => m.value);
  return [Math.min(...values), Math.max(...values)];
}

/**
 * `worklevel` is the performance knob on the Nano 3; a separate level
 * elsewhere (Mini 3: 0 Super, -1 Eco; A11-A15: 0-2, pyasic's power levels).
 */
function levelRange(dev: SimDevice): [number, number] {
  if (dev.profile.modeKey === 'WORKLEVEL') return modeRange(dev);
  if (dev.profile.dialect === 'a-series') return [0, 2];
  return dev.profile.dialect === 'mini3' ? [-1, 0] : [0, 0];
}

/** The Nano 3S source answers "error:2 parameter error"; the Q was seen answering "workmode unknown argument". */
function badWorkmodeArgument(dev: SimDevice): string {
  return dev.profile.dialect === 'nano3s' ? 'error:2 parameter error' : 'workmode unknown argument';
}

function workmode(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const [verb, value] = args;
  if (verb === 'get') return info(r, `workmode ${dev.workMode}`);
  const n = parseInteger(value);
  if (verb !== 'set' || n === undefined) return failed(r, badWorkmodeArgument(dev));
  const [min, max] = modeRange(dev);
  if (n < min || n > max) return failed(r, `error:1 not support set workmode max_mode[${max}]`);
  dev.setWorkMode(n);
  return ok(r);
}

function worklevel(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const levelIsMode = dev.profile.modeKey === 'WORKLEVEL';
  const current = levelIsMode ? dev.workMode : dev.workLevel;
  const [verb, value] = args;
  if (verb === 'get') return info(r, `worklevel ${current}`);
  const n = parseInteger(value);
  const [min, max] = levelRange(dev);
  if (verb !== 'set' || n === undefined || n < min || n > max) return failed(r, 'worklevel unknown argument');
  dev.advance();
  if (levelIsMode) dev.setWorkMode(n);
  else dev.workLevel = n;
  return ok(r);
}

/** `work_mode_lvl,get` / `work_mode_lvl,set,<mode>,<level>`: both knobs in one command (Nano 3S source). */
function workModeLevel(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const [verb, modeText, levelText] = args;
  if (verb === 'get') return info(r, `workmode ${dev.workMode} worklevel ${dev.workLevel}`);
  const mode = parseInteger(modeText);
  const level = parseInteger(levelText);
  const [minMode, maxMode] = modeRange(dev);
  const [minLevel, maxLevel] = levelRange(dev);
  if (verb !== 'set' || mode === undefined || level === undefined) return failed(r, 'error:2 parameter error');
  if (mode < minMode || mode > maxMode) return failed(r, `error:1 not support set workmode max_mode[${maxMode}]`);
  if (level < minLevel || level > maxLevel) return failed(r, `worklevel unknown argument level range:${minLevel} ~ ${maxLevel}`);
  dev.setWorkMode(mode);
  dev.workLevel = level;
  return ok(r);
}

function fanSpeed(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const n = parseInteger(args[0]);
  if (n === undefined) return failed(r, 'No value passed to avalon-fan');
  if (n !== -1 && (n < 15 || n > 100)) return failed(r, 'invalid fan value, valid range 15-100 for stable pwm,-1 for auto adjust');
  dev.advance();
  dev.fanPercent = n === -1 ? 'auto' : n;
  return ok(r);
}

/** `softoff|softon,1:<unix time>`; the Q answers `success softoff:<time>`. Takes effect at once here. */
function soft(dev: SimDevice, r: SimReading, option: 'softoff' | 'softon', args: string[]): Reply {
  const m = /^\d+:(\d+)$/.exec(args[0] ?? '');
  if (!m) return failed(r, `missing ${option} setting`);
  dev.advance();
  dev.softOff = option === 'softoff';
  return info(r, `success ${option}:${m[1]}`);
}

/** `reboot,<0-300 s delay>` (Nano 3S source); the Nano 3 takes `reboot,all` (avalon-nano-cli). */
function reboot(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const value = args[0];
  const delay = dev.profile.dialect === 'nano3' && value === 'all' ? 0 : parseInteger(value);
  if (delay === undefined) return failed(r, 'reboot value not number');
  if (delay < 0 || delay > 300) return failed(r, 'reboot value should be 0~300 seconds');
  dev.reboot(delay);
  return ok(r);
}

/**
 * `led`: the Nano 3's `setmode,<0 off|1 fixed|2 flash|3 pulse|4 loop>` and
 * `get` [NANOCLI]; the A-series' `1-<0|1>` locate light [PYASIC-AVA].
 */
function led(dev: SimDevice, r: SimReading, args: string[]): Reply {
  if (dev.profile.dialect === 'nano3') {
    const [verb, value] = args;
    if (verb === 'get') return info(r, `led[${dev.led}-100-100-0-0-255]`);
    const n = parseInteger(value);
    if (verb !== 'setmode' || n === undefined || n < 0 || n > 4) return failed(r, 'led unknown argument');
    dev.led = n;
    return info(r, 'led setmode ok');
  }
  const m = /^(\d+)-([01])$/.exec(args[0] ?? '');
  if (!m || m[1] !== '1') return failed(r, 'led unknown argument');
  dev.led = Number(m[2]);
  return ok(r);
}

/** `ledset,<effect 0-4>-<bright>-<colour temperature>-<r>-<g>-<b>`: answered as info, like the Nano 3S driver. */
function ledset(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const parts = (args[0] ?? '').split('-');
  const values = parts.map(parseInteger);
  const [effect] = values;
  if (values.length !== 6 || values.some((v) => v === undefined || v < 0 || v > 255) || effect === undefined || effect > 4) {
    return failed(r, 'ledset unknown argument');
  }
  dev.ledUser = values as number[];
  return info(r, 'led set ok');
}

function voltage(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const range = VOLTAGE_RANGE[dev.profile.dialect];
  if (range === undefined) return failed(r, 'voltage is not simulated');
  const [min, max] = range;
  if (args.every((a) => a === '')) return failed(r, 'voltage query is not simulated');
  const n = parseInteger(args[0]);
  if (n === undefined || n < min || n > max) return failed(r, `Setting invalid: voltage range ${min}~${max}`);
  dev.voltage = n;
  return ok(r);
}

/** `frequency,<f1>:<f2>:<f3>:<f4>`: all four PLL points, the last at most 1195 MHz [N3S-DRV]. */
function frequency(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const points = (args[0] ?? '').split('-')[0]!.split(':').map(parseInteger);
  if (points.length !== 4 || points.some((f) => f === undefined || f <= 0)) return failed(r, 'frequency unknown argument');
  const pll = points as [number, number, number, number];
  if (pll.some((f) => f > FREQUENCY_MAX_MHZ)) return failed(r, `Setting invalid: frequency max ${FREQUENCY_MAX_MHZ}`);
  dev.advance();
  dev.pllOverride = pll;
  return ok(r);
}

function ascset(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  if (!parameter) return statusReply(r, 'E', 15, 'Missing device id parameter');
  const [id, option, ...args] = parameter.split(',');
  if (id !== '0') return statusReply(r, 'E', 107, `Invalid ASC id ${id ?? ''} - range is 0 - 0`);
  if (!option) return statusReply(r, 'E', 116, 'Missing option after ASC number');
  // Everything after the option reaches the driver unchanged, commas included (avalon-protocol.md 4.1).
  if (dev.profile.dialect === 'controller') return controllerAscset(dev, r, option.toLowerCase(), args.join(','));
  if (dev.profile.dialect === 'a10') return a10Ascset(dev, r, option, args);
  const options = ASCSET_OPTIONS[dev.profile.dialect] ?? [];
  if (!options.includes(option)) return failed(r, `Unknown option: ${option}`);
  if (args.every((a) => a === '') && !OPTIONAL_VALUE.has(option)) return failed(r, `missing ${option} setting`);
  switch (option) {
    case 'help':
      return info(r, `${options.join('|')}|`);
    case 'workmode':
      return workmode(dev, r, args);
    case 'worklevel':
      return worklevel(dev, r, args);
    case 'work_mode_lvl':
      return workModeLevel(dev, r, args);
    case 'fan-spd':
      return fanSpeed(dev, r, args);
    case 'reboot':
      return reboot(dev, r, args);
    case 'loop':
      // The chips per board, each followed by a space (Nano 3S source; the Q answered `LOOP[160 ]`).
      return info(r, `LOOP[${`${dev.profile.chipsPerBoard} `.repeat(dev.profile.hashBoards)}]`);
    case 'softoff':
    case 'softon':
      return soft(dev, r, option, args);
    case 'led':
      return led(dev, r, args);
    case 'ledset':
      return ledset(dev, r, args);
    case 'voltage':
      return voltage(dev, r, args);
    case 'frequency':
      return frequency(dev, r, args);
    default:
      return failed(r, `${option} is not simulated`);
  }
}

function poolIndex(dev: SimDevice, r: SimReading, parameter: string | undefined): number | Reply {
  if (parameter === undefined || parameter === '') return statusReply(r, 'E', 25, 'Missing pool id parameter');
  const n = parseInteger(parameter);
  if (n === undefined || n < 0 || n >= dev.pools.length) {
    return statusReply(r, 'E', 26, `Invalid pool id ${parameter} - range is 0 - ${dev.pools.length - 1}`);
  }
  return n;
}

function switchpool(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  const i = poolIndex(dev, r, parameter);
  if (typeof i !== 'number') return i;
  dev.advance();
  // cgminer's switchpool enables the pool and moves it to the top of the priority list.
  const target = dev.pools[i]!;
  target.enabled = true;
  for (const p of dev.pools) if (p !== target && p.priority < target.priority) p.priority++;
  target.priority = 0;
  return statusReply(r, 'S', 27, `Switching to pool ${i}:'${target.url}'`);
}

function enablepool(dev: SimDevice, r: SimReading, parameter: string | undefined, enable: boolean): Reply {
  const i = poolIndex(dev, r, parameter);
  if (typeof i !== 'number') return i;
  const pool = dev.pools[i]!;
  if (pool.enabled === enable) return statusReply(r, 'I', enable ? 49 : 50, `Pool ${i}:'${pool.url}' already ${enable ? 'enabled' : 'disabled'}`);
  if (!enable && dev.pools.filter((p) => p.enabled).length <= 1) return statusReply(r, 'E', 51, `Cannot disable last active pool ${i}:'${pool.url}'`);
  dev.advance();
  pool.enabled = enable;
  return statusReply(r, 'S', enable ? 47 : 48, `${enable ? 'Enabling' : 'Disabling'} pool ${i}:'${pool.url}'`);
}

function poolpriority(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  if (!parameter) return statusReply(r, 'E', 25, 'Missing pool id parameter');
  const listed: number[] = [];
  for (const item of parameter.split(',')) {
    const n = parseInteger(item);
    if (n === undefined || n < 0 || n >= dev.pools.length) return statusReply(r, 'E', 26, `Invalid pool id ${item} - range is 0 - ${dev.pools.length - 1}`);
    if (listed.includes(n)) return statusReply(r, 'E', 74, `Duplicate pool specified ${n}`);
    listed.push(n);
  }
  dev.advance();
  // Listed pools come first, in the order given; the others keep their relative order after them.
  const rest = dev.pools.map((_, i) => i).filter((i) => !listed.includes(i)).sort((a, b) => dev.pools[a]!.priority - dev.pools[b]!.priority);
  [...listed, ...rest].forEach((poolIdx, prio) => {
    dev.pools[poolIdx]!.priority = prio;
  });
  return statusReply(r, 'S', 73, 'Changed pool priorities');
}

/** Upstream `addpool|<url>,<user>,<pass>`: `\x` stands for x, so commas can be escaped (api.c copyadvanceafter). */
function splitEscaped(text: string): string[] {
  const fields: string[] = [''];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) fields[fields.length - 1] += text[++i]!;
    else if (c === ',') fields.push('');
    else fields[fields.length - 1] += c;
  }
  return fields;
}

function addpool(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  if (!parameter) return statusReply(r, 'E', 52, 'Missing addpool details');
  const fields = splitEscaped(parameter);
  const [url, user, pass] = fields;
  if (fields.length !== 3 || !url || !user || pass === undefined) return statusReply(r, 'E', 53, `Invalid addpool details '${parameter}'`);
  dev.advance();
  const pool = { ...newPool(url, user, dev.pools.length), password: pass };
  dev.pools.push(pool);
  return statusReply(r, 'S', 55, `Added pool ${dev.pools.length - 1}: '${url}'`);
}

function removepool(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  const i = poolIndex(dev, r, parameter);
  if (typeof i !== 'number') return i;
  const pool = dev.pools[i]!;
  if (dev.pools.length <= 1) return statusReply(r, 'E', 66, `Cannot remove last pool ${i}:'${pool.url}'`);
  if (i === activePoolIndex(dev.pools, dev.fault === 'pool-dead')) return statusReply(r, 'E', 67, `Cannot remove active pool ${i}:'${pool.url}'`);
  dev.advance();
  dev.pools.splice(i, 1);
  // The remaining pools are renumbered and keep their order of priority.
  [...dev.pools].sort((a, b) => a.priority - b.priority).forEach((p, rank) => {
    p.priority = rank;
  });
  return statusReply(r, 'S', 68, `Removed pool ${i}:'${pool.url}'`);
}

const poolSetError = (r: SimReading, text: string): Reply => statusReply(r, 'E', 132, `Pool set error: ${text}`);

/** The Nano 3's `setpool` credential: `ff0000ff` + the first 24 hex digits of SHA-256(web password) [NANOCLI]. */
function nano3Credential(dev: SimDevice): string {
  return `ff0000ff${dev.webPasswordSha256.slice(0, 24)}`;
}

/**
 * `setpool|<webuser>,<webpass>,<0-2>,<url>,<worker>[,<pass>]`: the Nano 3S
 * source's checks and texts, in its order [N3S-API setpool]; on the Nano 3
 * the password field is the hashed credential [NANOCLI]. The slot is used
 * from the next boot.
 */
function setpool(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  const fields = (parameter ?? '').split(',');
  if (fields.length !== 5 && fields.length !== 6) return poolSetError(r, `we need 5 | 6 arguments, your input is ${fields.length} arguments.`);
  const [user, pass, slotText, url, worker, workerPass = ''] = fields as [string, string, string, string, string, string?];
  if (url.length > 384) return poolSetError(r, 'The pool url length is too long.');
  if (worker.length > 128) return poolSetError(r, 'The pool user length is too long.');
  if (workerPass.length > 128) return poolSetError(r, 'The pool pass length is too long.');
  if (user !== dev.webUser) return poolSetError(r, 'username err');
  const passOk =
    dev.profile.dialect === 'nano3' ? pass === nano3Credential(dev) : createHash('sha256').update(pass).digest('hex') === dev.webPasswordSha256;
  if (!passOk) return poolSetError(r, 'userpass err');
  const slot = parseInteger(slotText) ?? 0;
  if (slot < 0 || slot > 2) return poolSetError(r, `pool num must between 0 and 2 , your input is ${slot}`);
  dev.pendingPools.set(slot, { url, user: worker, password: workerPass });
  return statusReply(
    r,
    'S',
    133,
    `Pool set info: \npool ${slot} success set to ${url}\nworker is ${worker}\nworkerpassword is ${workerPass}\nPlease reboot miner to make config work.\n`,
  );
}

/** Runs a privileged command the caller has already allowed. */
export function control(dev: SimDevice, r: SimReading, command: string, parameter: string | undefined): Reply {
  switch (command) {
    case 'ascset':
      return ascset(dev, r, parameter);
    case 'switchpool':
      return switchpool(dev, r, parameter);
    case 'enablepool':
      return enablepool(dev, r, parameter, true);
    case 'disablepool':
      return enablepool(dev, r, parameter, false);
    case 'poolpriority':
      return poolpriority(dev, r, parameter);
    case 'addpool':
      return addpool(dev, r, parameter);
    case 'removepool':
      return removepool(dev, r, parameter);
    case 'restart':
      // cgminer answers a bare word, then restarts.
      dev.reboot(0);
      return { kind: 'word', word: 'RESTART' };
    case 'setpool':
      return setpool(dev, r, parameter);
    case 'time':
      if (!parameter) return statusReply(r, 'I', 130, 'Time parameter is not available');
      return statusReply(r, 'I', 131, parameter === 'get' ? 'Time set info: time t:UTC' : 'Time set info: time unknown argument');
    case 'lockstats':
      return statusReply(r, 'W', 124, 'Lock stats not enabled');
    case 'wifi':
      return statusReply(r, 'I', 128, 'Wifi parameter is not available');
    default:
      return statusReply(r, 'E', 14, 'Invalid command');
  }
}
