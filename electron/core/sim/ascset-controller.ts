// `ascset` on a controller-era rig: cgminer on the controller hands the
// option to its Avalon host driver (AVA8 `avalon8_set_device`, AVA9 and the
// avalon911 branch likewise), which answers NULL (`S` 119) or a text that
// cgminer reports as a failure (`E` 120). Option formats, ranges and texts
// follow those drivers (avalon-protocol.md 4.2; docs/simulator.md lists
// what is assumed).
import { failed, ok, parseInteger } from './ascset-reply.js';
import type { SimDevice, SimReading } from './device.js';
import type { ControllerDriver } from './profiles.js';
import { statusReply } from './replies.js';
import type { Reply } from './wire.js';

/** `AVA8_DEFAULT_MODULARS`: module addresses run 1..6, and the drivers' texts print this bound. */
const MODULARS = 7;
/** `AVA8/AVA9_DEFAULT_FREQUENCY_MAX`. */
const FREQUENCY_MAX_MHZ = 1200;

/** The drivers' own text for an option given without its value. */
const MISSING: Record<string, string> = {
  pdelay: 'missing polling delay setting',
  fan: 'missing fan value',
  frequency: 'missing frequency value',
  led: 'missing module_id setting',
  'voltage-level': 'missing voltage-level value',
  reboot: 'missing reboot value',
  factory: 'missing factory info',
  overclocking: 'missing overclocking info',
  'adjust-voltage': 'missing adjust-voltage info',
  'target-temp': 'missing target temperature info',
};

function options(driver: ControllerDriver): Set<string> {
  const all = ['help', 'pdelay', 'fan', 'frequency', 'led', 'voltage-level', 'reboot', 'factory', 'overclocking'];
  if (driver.fn === 'avalon9') all.push('adjust-voltage');
  if (driver.targetTemp) all.push('target-temp');
  return new Set(all);
}

/** `<min>[-<max>]`, both 0-100 and min <= max (`set_avalon8_fan`); equal values fix the duty. */
function fan(dev: SimDevice, r: SimReading, setting: string): Reply {
  const [minText, maxText] = setting.split('-');
  const min = parseInteger(minText);
  const max = maxText === undefined ? min : parseInteger(maxText);
  if (min === undefined || max === undefined || min < 0 || max > 100 || min > max) return failed(r, 'invalid fan value, valid range 0-100');
  dev.advance();
  dev.fanPercent = min === max ? min : 'auto';
  dev.fanLimits = min === max ? undefined : [min, max];
  return ok(r);
}

/**
 * `<f>[-<module>[-<miner>]]` on the A8 (one value for all four PLL points),
 * `<f1>:...:<f7>[-...]` on the A9, four points on the A911; the driver checks
 * the last point against 1200 MHz. A module other than 0 (all) is applied
 * to the whole rig here: per-module frequencies are not modelled.
 */
function frequency(dev: SimDevice, r: SimReading, driver: ControllerDriver, setting: string): Reply {
  const invalid = failed(r, `Invalid value passed to set_${driver.fn}_device_freq`);
  const [pointsText = '', moduleText] = setting.split('-');
  const points = pointsText.split(':').map(parseInteger);
  if (points.length !== driver.freqPoints || points.some((f) => f === undefined || f < 0)) return invalid;
  const pll = points as number[];
  if (pll[pll.length - 1]! > FREQUENCY_MAX_MHZ) return invalid;
  const module = moduleText === undefined ? 0 : parseInteger(moduleText);
  if (module === undefined || module < 0 || module >= MODULARS) return failed(r, `Invalid modular index to set_${driver.fn}_device_freq`);
  if (module > 0 && !present(r, module)) return failed(r, `Disabled modular to set_${driver.fn}_device_freq`);
  dev.advance();
  dev.pllOverride = driver.freqPoints === 1 ? [pll[0]!, pll[0]!, pll[0]!, pll[0]!] : pll;
  return ok(r);
}

/** Whether module `module` (1-based) is on the rig and answering. */
function present(r: SimReading, module: number): boolean {
  return r.modules[module - 1]?.present === true;
}

/** `<module>[-<0|1>]`; without a state the LED toggles. */
function led(dev: SimDevice, r: SimReading, setting: string): Reply {
  const [moduleText, stateText] = setting.split('-');
  const module = parseInteger(moduleText) ?? 0;
  if (module < 1 || module >= MODULARS) return failed(r, `invalid module_id: ${module}, valid range 1-${MODULARS}`);
  if (!present(r, module)) return failed(r, `the current module was disabled ${module}`);
  const current = dev.moduleLed[module - 1] ?? 0;
  const state = stateText === undefined ? 1 - current : parseInteger(stateText);
  if (state !== 0 && state !== 1) return failed(r, `invalid LED status: ${stateText ?? ''}, valid value 0|1`);
  dev.moduleLed[module - 1] = state;
  return ok(r);
}

/** `<level>[-<module>[-<miner>]]`, stored for the whole rig. */
function voltageLevel(dev: SimDevice, r: SimReading, driver: ControllerDriver, setting: string): Reply {
  // sscanf("%d-%d-%d"): the level itself may be negative.
  const level = parseInteger(/^(-?\d+)(?:-\d+){0,2}$/.exec(setting.trim())?.[1]);
  const [min, max] = driver.voltageLevel;
  if (level === undefined || level < min || level > max) return failed(r, `Invalid value passed to set_${driver.fn}_device_voltage_level`);
  dev.voltageLevel = level;
  return ok(r);
}

/** `<module>`: flags that module for a reboot in the next polling packet; an absent module is flagged to no effect. */
function reboot(dev: SimDevice, r: SimReading, setting: string): Reply {
  const module = parseInteger(setting.trim()) ?? 0;
  if (module < 1 || module >= MODULARS) return failed(r, `invalid module_id: ${module}, valid range 1-${MODULARS}`);
  if (present(r, module)) dev.rebootModule(module - 1);
  return ok(r);
}

/** The A911's `target-temp,<C>`, 0-100: the chip temperature the automatic fan control holds. */
function targetTemp(dev: SimDevice, r: SimReading, driver: ControllerDriver, setting: string): Reply {
  const c = parseInteger(setting.trim());
  if (c === undefined || c < 0 || c > 100) return failed(r, `Invalid value passed to set_${driver.fn}_target_temp_info`);
  dev.advance();
  dev.targetTempC = c;
  return ok(r);
}

export function controllerAscset(dev: SimDevice, r: SimReading, option: string, setting: string): Reply {
  const driver = dev.profile.controller;
  if (driver === undefined || !options(driver).has(option)) return failed(r, `Unknown option: ${option}`);
  if (option === 'help') return statusReply(r, 'I', 118, 'ASC 0 set help: pdelay|fan|frequency|led|voltage');
  if (setting === '') return failed(r, MISSING[option] ?? `missing ${option} setting`);
  switch (option) {
    case 'fan':
      return fan(dev, r, setting);
    case 'frequency':
      return frequency(dev, r, driver, setting);
    case 'led':
      return led(dev, r, setting);
    case 'voltage-level':
      return voltageLevel(dev, r, driver, setting);
    case 'reboot':
      return reboot(dev, r, setting);
    case 'target-temp':
      return targetTemp(dev, r, driver, setting);
    default:
      return failed(r, `${option} is not simulated`);
  }
}
