// Privileged commands on the models whose firmware runs them for any client
// (Nano 3, Nano 3S, Mini 3, Q). The ones modelled change the device's state;
// options a firmware lists but the simulator does not model answer an
// explicit "not simulated" failure rather than a false success.
import type { SimDevice, SimReading } from './device.js';
import { statusReply } from './replies.js';
import type { Reply } from './wire.js';

/** `ascset|0,help` lists: the Q capture, the Nano 3S source, avalon-nano-cli for the Nano 3. */
const ASCSET_OPTIONS: Record<string, readonly string[]> = {
  q: 'help|voltage|fan-spd|lcd|hash-sn-read|hash-sn-write|volt-tuning|workmode|worklevel|work_mode_lvl|reboot|softon|softoff|filter-clean|facopts|faclock|activate|solo-allowed|frequency|loop|password|qr_auth|time'.split('|'),
  // Assumed to match the Q: same SWTYPE (MM319) and the same tools drive both.
  mini3: 'help|voltage|fan-spd|lcd|hash-sn-read|hash-sn-write|volt-tuning|workmode|worklevel|work_mode_lvl|reboot|softon|softoff|filter-clean|facopts|faclock|activate|solo-allowed|frequency|loop|password|qr_auth|time'.split('|'),
  nano3s: 'help|voltage|fan-spd|ledmode|ledset|lcd|nightlamp|wallpaper|hash-sn-read|volt-adjust-switch|workmode|worklevel|work_mode_lvl|reboot|filter-clean|facopts|faclock|frequency|loop|password|qr_auth'.split('|'),
  nano3: ['help', 'worklevel', 'led', 'reboot', 'password'],
};

const info = (r: SimReading, text: string): Reply => statusReply(r, 'I', 118, `ASC 0 set info: ${text}`);
const ok = (r: SimReading): Reply => statusReply(r, 'S', 119, 'ASC 0 set OK');
const failed = (r: SimReading, text: string): Reply => statusReply(r, 'E', 120, `ASC 0 set failed: ${text}`);

function modeRange(dev: SimDevice): [number, number] {
  const values = dev.profile.modes.map((m) => m.value);
  return [Math.min(...values), Math.max(...values)];
}

/** `worklevel` is the performance knob on the Nano 3; a separate level elsewhere (Mini 3: 0 Super, -1 Eco). */
function levelRange(dev: SimDevice): [number, number] {
  if (dev.profile.modeKey === 'WORKLEVEL') return modeRange(dev);
  return dev.profile.dialect === 'mini3' ? [-1, 0] : [0, 0];
}

function parseInteger(s: string | undefined): number | undefined {
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}

function workmode(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const [verb, value] = args;
  if (verb === 'get') return info(r, `workmode ${dev.workMode}`);
  const n = parseInteger(value);
  if (verb !== 'set' || n === undefined) return failed(r, 'workmode unknown argument');
  const [min, max] = modeRange(dev);
  if (n < min || n > max) return failed(r, `error:1 not support set workmode max_mode[${max}]`);
  dev.advance();
  dev.workMode = n;
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
  if (levelIsMode) dev.workMode = n;
  else dev.workLevel = n;
  return ok(r);
}

function fanSpeed(dev: SimDevice, r: SimReading, args: string[]): Reply {
  const n = parseInteger(args[0]);
  if (n === undefined) return failed(r, 'missing fan-spd setting');
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

function ascset(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  if (!parameter) return statusReply(r, 'E', 15, 'Missing device id parameter');
  const [id, option, ...args] = parameter.split(',');
  if (id !== '0') return statusReply(r, 'E', 107, `Invalid ASC id ${id ?? ''} - range is 0 - 0`);
  if (!option) return statusReply(r, 'E', 116, 'Missing option after ASC number');
  const options = ASCSET_OPTIONS[dev.profile.dialect] ?? [];
  if (!options.includes(option)) return failed(r, `Unknown option: ${option}`);
  switch (option) {
    case 'help':
      return info(r, `${options.join('|')}|`);
    case 'workmode':
      return workmode(dev, r, args);
    case 'worklevel':
      return worklevel(dev, r, args);
    case 'work_mode_lvl':
      if (args[0] === 'get') return info(r, `workmode ${dev.workMode} worklevel ${dev.workLevel}`);
      return failed(r, 'work_mode_lvl unknown argument');
    case 'fan-spd':
      return fanSpeed(dev, r, args);
    case 'softoff':
    case 'softon':
      return soft(dev, r, option, args);
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
  if (pool.enabled === enable) return statusReply(r, 'I', enable ? 49 : 50, `Pool ${i} already ${enable ? 'enabled' : 'disabled'}`);
  if (!enable && dev.pools.filter((p) => p.enabled).length <= 1) return statusReply(r, 'E', 51, 'Cannot disable last active pool');
  dev.advance();
  pool.enabled = enable;
  return statusReply(r, 'S', enable ? 47 : 48, `${enable ? 'Enabling' : 'Disabling'} pool ${i}:'${pool.url}'`);
}

function poolpriority(dev: SimDevice, r: SimReading, parameter: string | undefined): Reply {
  const order = (parameter ?? '').split(',').map((s) => parseInteger(s));
  if (!parameter || order.some((n) => n === undefined || n < 0 || n >= dev.pools.length) || new Set(order).size !== order.length) {
    return statusReply(r, 'E', 26, `Invalid pool id ${parameter ?? ''} - range is 0 - ${dev.pools.length - 1}`);
  }
  dev.advance();
  // Listed pools come first, in the order given; the others keep their relative order after them.
  const listed = order as number[];
  const rest = dev.pools.map((_, i) => i).filter((i) => !listed.includes(i)).sort((a, b) => dev.pools[a]!.priority - dev.pools[b]!.priority);
  [...listed, ...rest].forEach((poolIdx, prio) => {
    dev.pools[poolIdx]!.priority = prio;
  });
  return statusReply(r, 'S', 73, 'Changed pool priorities');
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
    case 'setpool':
      return statusReply(r, 'E', 132, 'Pool set error: not simulated');
    case 'time':
      return statusReply(r, 'I', 130, 'Time parameter is not available');
    default:
      return statusReply(r, 'E', 14, 'Invalid command');
  }
}
