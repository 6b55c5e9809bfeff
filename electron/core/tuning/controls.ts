// Per-dialect control table: for each control a model's firmware documents,
// the exact `ascset` parameter, the accepted range and unit, whether it
// interrupts mining, and where its state shows in a DeviceSnapshot. Every
// string and range is sourced in docs/tuning.md; a control no source
// documents for a dialect is absent, so it is never offered.
import { listOf, type MessageText } from '../../contract/message-text.js';
import type { DeviceSnapshot, Module } from '../../contract/snapshot.js';
import type { ControlInfo, ControlValue, Observed, TunableControl } from '../../contract/tuning.js';
import type { AvalonModel, ModeName } from '../avalon/models.js';
import { tuningEnglish, tuningText as text } from './messages.js';

export type Dialect =
  | 'avalon7'
  | 'avalon8'
  | 'avalon9'
  | 'avalon911'
  | 'a10'
  | 'a11-a15'
  | 'nano3'
  | 'nano3s'
  | 'mini3'
  | 'avalon-q';

/** One request on the wire. */
export interface ApiCommand {
  command: string;
  parameter?: string;
}

/** What a builder may need besides the value. */
export interface BuildContext {
  module?: number;
  /** Unix seconds, for softoff/softon's `1:<time>` (defaults to the caller's clock). */
  nowS?: number;
  /** The device's latest snapshot (the Nano 3S LED keeps the user's colour from it). */
  snapshot?: DeviceSnapshot;
}

export class ControlValidationError extends Error {
  override readonly name = 'ControlValidationError';
  readonly reason: 'not-offered' | 'invalid-value';
  /** The message as a key, for translation; undefined when built from plain English. */
  readonly text: MessageText | undefined;
  constructor(reason: 'not-offered' | 'invalid-value', message: string | MessageText) {
    super(typeof message === 'string' ? message : tuningEnglish(message));
    this.reason = reason;
    this.text = typeof message === 'string' ? undefined : message;
  }
}

interface ControlSpec extends ControlInfo {
  /** The `ascset` parameter for a value already checked against the info. */
  parameter(value: ControlValue, ctx: BuildContext): string;
  /** The setting as the device shows it, or undefined when not shown. */
  read?(snapshot: DeviceSnapshot, module?: number): Observed | undefined;
  /** Whether an observed state means the requested value is in place. */
  matches?(value: ControlValue, observed: Observed): boolean;
}

// Seconds ahead for softoff/softon: what pyasic and the exergy integration use [PYASIC-AVA; HA-EXERGY].
export const SOFT_SWITCH_LEAD_S = 5;
// Controller-era driver defaults for the automatic fan range [AVA7/AVA8/AVA9 *_DEFAULT_FAN_MIN/MAX].
const CONTROLLER_FAN_AUTO = '5-100';

// ---- read-back helpers -----------------------------------------------------

type ModuleField = 'workMode' | 'workLevel' | 'fanPercent';

/** The module a setting belongs to: `MM ID<m>` on controller-era rigs, else the first that reports it. */
function moduleOf(snapshot: DeviceSnapshot, has: (m: Module) => boolean, module?: number): Module | undefined {
  if (module !== undefined) {
    const byKey = snapshot.modules.find((m) => m.key === `MM ID${module}` || m.key.startsWith(`MM ID${module}:`));
    if (byKey !== undefined) return has(byKey) ? byKey : undefined;
  }
  return snapshot.modules.find(has);
}

const field =
  (name: ModuleField) =>
  (snapshot: DeviceSnapshot, module?: number): Observed | undefined =>
    moduleOf(snapshot, (m) => m[name] !== undefined, module)?.[name];

/** `Led[0|1]` (A-series, controller era): on when 1. */
function ledFlag(snapshot: DeviceSnapshot, module?: number): Observed | undefined {
  const led = moduleOf(snapshot, (m) => m.led !== undefined, module)?.led;
  if (led === undefined || !/^\d+$/.test(led)) return undefined;
  return led === '1' ? 'on' : 'off';
}

/** SYSTEMSTATU: 'In Idle' while soft-off [CAP-Q stats; AGENTSCAN-1346]. */
function hashingState(snapshot: DeviceSnapshot): Observed | undefined {
  const state = snapshot.modules.find((m) => m.state !== 'unknown')?.state;
  if (state === undefined) return undefined;
  return state === 'idle' ? 'off' : state === 'work' || state === 'init' ? 'on' : undefined;
}

/** Nano 3 `Led[<mode>]`: mode 2 = flash (avalon-nano-cli's `led,setmode` numbering) [NANOCLI; CAP-NANO3]. */
function nano3Led(snapshot: DeviceSnapshot): Observed | undefined {
  const led = snapshot.modules.find((m) => m.led !== undefined)?.led;
  if (led === undefined) return undefined;
  const mode = /^(\d+)/.exec(led)?.[1];
  return mode === undefined ? undefined : mode === NANO3_LED_FLASH ? 'on' : 'off';
}

/** Nano 3S `LEDUser[<effect>-<bright>-<temper>-<r>-<g>-<b>]` [N3S-DRV avalon_api_stats]. */
export function nano3sLedUser(snapshot: DeviceSnapshot | undefined): number[] | undefined {
  const raw = snapshot?.modules.find((m) => m.raw.LEDUser !== undefined)?.raw.LEDUser;
  if (raw === undefined) return undefined;
  const parts = raw.trim().split('-');
  if (parts.length !== 6 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  return parts.map(Number);
}

function nano3sLed(snapshot: DeviceSnapshot): Observed | undefined {
  const user = nano3sLedUser(snapshot);
  return user === undefined ? undefined : user[0] === NANO3S_LED_BLINK ? 'on' : 'off';
}

const NANO3_LED_FLASH = '2';
const NANO3_LED_FIXED = '1';
// ledset effects: 0 off, 1 steady, 2 blink [N3S-DRV ledset; avalon-protocol 4.5].
const NANO3S_LED_BLINK = 2;
const NANO3S_LED_STEADY = 1;

// ---- spec builders ---------------------------------------------------------

type Base = Omit<ControlSpec, 'parameter' | 'read' | 'matches' | 'effect' | 'effectText'>;

function spec(
  base: Partial<Base> & Pick<Base, 'control' | 'input' | 'source'> & { effectText: MessageText },
  rest: Pick<ControlSpec, 'parameter'> & Partial<ControlSpec>,
): ControlSpec {
  return {
    interrupts: false,
    takesEffect: 'now',
    readable: rest.read !== undefined,
    needsModule: false,
    expert: false,
    effect: tuningEnglish(base.effectText),
    ...base,
    ...rest,
  };
}

const num = (v: ControlValue): number => v as number;
/** validateValue has already required a module for controls that address one. */
const moduleNo = (ctx: BuildContext): number => {
  if (ctx.module === undefined) throw new ControlValidationError('invalid-value', text('tune.invalid.chooseModule'));
  return ctx.module;
};
const onOff = (v: ControlValue): 0 | 1 => (v === 'on' ? 1 : 0);
const same = (v: ControlValue, o: Observed): boolean => v === o;

function modeControl(
  control: 'workmode' | 'worklevel',
  choices: readonly ModeName[] | undefined,
  parameter: (v: number) => string,
  source: string,
  extra: Partial<ControlSpec> = {},
): ControlSpec {
  const fieldName = control === 'workmode' ? 'workMode' : 'workLevel';
  return spec(
    {
      control,
      input: choices === undefined ? 'number' : 'choice',
      ...(choices === undefined ? {} : { choices: choices.map((c) => ({ value: c.value, name: c.name })) }),
      interrupts: true,
      effectText: control === 'workmode' ? text('tune.effect.workmode') : text('tune.effect.worklevel'),
      source,
    },
    { parameter: (v) => parameter(num(v)), read: field(fieldName), matches: same, ...extra },
  );
}

// The signed 8-bit bounds the Nano 3S firmware stores a level in; the device checks its own limits [N3S-DRV worklevel].
const INT8 = { min: -128, max: 127 };

const controllerFan = (source: string): ControlSpec =>
  spec(
    { control: 'fan', input: 'percent-or-auto', range: { min: 0, max: 100 }, unit: '%', effectText: text('tune.effect.fan'), source },
    {
      parameter: (v) => (v === 'auto' ? `0,fan,${CONTROLLER_FAN_AUTO}` : `0,fan,${num(v)}-${num(v)}`),
      read: field('fanPercent'),
      matches: (v, o) => v === 'auto' || v === o,
    },
  );

const controllerLed = (source: string): ControlSpec =>
  spec(
    { control: 'led', input: 'on-off', needsModule: true, effectText: text('tune.effect.moduleLed'), source },
    { parameter: (v, ctx) => `0,led,${moduleNo(ctx)}-${onOff(v)}`, read: ledFlag, matches: same },
  );

const controllerReboot = (source: string): ControlSpec =>
  spec(
    { control: 'reboot', input: 'action', needsModule: true, interrupts: true, effectText: text('tune.effect.moduleReboot'), source },
    { parameter: (_v, ctx) => `0,reboot,${moduleNo(ctx)}` },
  );

const controllerFreq = (max: number, min: number, points: number, source: string, step?: number): ControlSpec =>
  spec(
    {
      control: 'freq',
      input: 'number',
      range: step === undefined ? { min, max } : { min, max, step },
      unit: 'MHz',
      interrupts: true,
      expert: true,
      effectText: text('tune.effect.freq'),
      source,
    },
    { parameter: (v) => `0,frequency,${Array.from({ length: points }, () => String(num(v))).join(':')}` },
  );

const voltageLevel = (option: string, min: number, max: number, unit: string, source: string): ControlSpec =>
  spec(
    {
      control: 'voltage',
      input: 'number',
      range: { min, max },
      unit,
      interrupts: true,
      expert: true,
      effectText: text('tune.effect.voltageLevel'),
      source,
    },
    { parameter: (v) => `0,${option},${num(v)}` },
  );

const integratedLed = (source: string): ControlSpec =>
  spec(
    { control: 'led', input: 'on-off', effectText: text('tune.effect.led'), source },
    { parameter: (v) => `0,led,1-${onOff(v)}`, read: ledFlag, matches: same },
  );

const reboot = (parameter: string, source: string): ControlSpec =>
  spec(
    { control: 'reboot', input: 'action', interrupts: true, effectText: text('tune.effect.reboot'), source },
    { parameter: () => parameter },
  );

const soft = (control: 'softoff' | 'softon', source: string): ControlSpec =>
  spec(
    {
      control,
      input: 'action',
      interrupts: control === 'softoff',
      effectText: control === 'softoff' ? text('tune.effect.softoff') : text('tune.effect.softon'),
      source,
    },
    {
      parameter: (_v, ctx) => `0,${control},1:${(ctx.nowS ?? Math.floor(Date.now() / 1000)) + SOFT_SWITCH_LEAD_S}`,
      read: hashingState,
      matches: (_v, o) => o === (control === 'softoff' ? 'off' : 'on'),
    },
  );

const mm319Fan = (source: string): ControlSpec =>
  spec(
    { control: 'fan', input: 'percent-or-auto', range: { min: 15, max: 100 }, unit: '%', effectText: text('tune.effect.fan'), source },
    {
      parameter: (v) => `0,fan-spd,${v === 'auto' ? -1 : num(v)}`,
      read: field('fanPercent'),
      matches: (v, o) => v === 'auto' || v === o,
    },
  );

/** `frequency,<f1>:<f2>:<f3>:<f4>`: every PLL point must be given or the firmware reads garbage [N3S-DRV set_avalon_device_freq]. */
const mm319Freq = (source: string): ControlSpec => controllerFreq(1195, 25, 4, source);

const mm319Voltage = (range: { min: number; max: number } | undefined, source: string): ControlSpec =>
  spec(
    {
      control: 'voltage',
      input: 'number',
      ...(range === undefined ? {} : { range }),
      unit: '0.01 V',
      interrupts: true,
      expert: true,
      effectText: text('tune.effect.supplyVoltage'),
      source,
    },
    { parameter: (v) => `0,voltage,${num(v)}` },
  );

// ---- the table ---------------------------------------------------------------

const DIALECT_SPECS: Record<Dialect, (model: AvalonModel) => readonly ControlSpec[]> = {
  avalon7: () => [
    controllerFan('AVA7 set_device fan'),
    controllerFreq(1404, 24, 1, 'AVA7 set_avalon7_device_freq'),
    voltageLevel('voltage', 3889, 5059, 'mV', 'AVA7 set_avalon7_device_voltage'),
    controllerLed('AVA7 set_device led'),
    controllerReboot('AVA7 set_device reboot'),
  ],
  avalon8: () => [
    controllerFan('AVA8 set_avalon8_fan'),
    controllerFreq(1200, 50, 1, 'AVA8 set_avalon8_device_freq; AVA8-WIKI', 25),
    voltageLevel('voltage-level', -15, 15, 'level', 'AVA8 set_avalon8_device_voltage_level'),
    controllerLed('AVA8 set_device led'),
    controllerReboot('AVA8 set_device reboot'),
  ],
  avalon9: () => [
    controllerFan('AVA9 set_device fan'),
    controllerFreq(1200, 50, 7, 'AVA9 set_avalon9_device_freq (7 PLL points)', 25),
    voltageLevel('voltage-level', -15, 15, 'level', 'AVA9 voltage-level'),
    controllerLed('AVA9 set_device led'),
    controllerReboot('AVA9 set_device reboot'),
  ],
  avalon911: () => [
    controllerFan('AVA9-911 set_device fan'),
    controllerFreq(1200, 50, 4, 'AVA9-911 set_avalon9_device_freq (4 PLL points)', 25),
    voltageLevel('voltage-level', 0, 35, 'level', 'AVA9-911 voltage-level'),
    spec(
      { control: 'target-temp', input: 'number', range: { min: 0, max: 100 }, unit: '°C', effectText: text('tune.effect.targetTemp'), source: 'AVA9-911 set_avalon9_target_temp_info' },
      { parameter: (v) => `0,target-temp,${num(v)}` },
    ),
    controllerLed('AVA9-911 set_device led'),
    controllerReboot('AVA9-911 set_device reboot'),
  ],
  a10: (m) => [
    modeControl('workmode', m.workModes, (v) => `0,workmode,${v}`, 'A10DOC 2.4', { takesEffect: 'after-reboot' }),
    integratedLed('A10DOC 2.2'),
    reboot('0,reboot,0', 'A10DOC 2.1'),
  ],
  'a11-a15': () => [
    modeControl('worklevel', undefined, (v) => `0,worklevel,set,${v}`, 'PYASIC-AVA set_power_limit', { range: { min: 0, max: 2 } }),
    integratedLed('PYASIC-AVA fault light'),
    soft('softoff', 'PYASIC-AVA; AGENTSCAN-1346'),
    soft('softon', 'PYASIC-AVA'),
    reboot('0,reboot,0', 'A10DOC 2.1; FMS-API'),
  ],
  nano3: (m) => [
    modeControl('worklevel', m.workLevels, (v) => `0,worklevel,set,${v}`, 'NANOCLI'),
    spec(
      { control: 'led', input: 'on-off', effectText: text('tune.effect.nano3Led'), source: 'NANOCLI led,setmode' },
      { parameter: (v) => `0,led,setmode,${v === 'on' ? NANO3_LED_FLASH : NANO3_LED_FIXED}`, read: nano3Led, matches: same },
    ),
    reboot('0,reboot,all', 'NANOCLI'),
  ],
  nano3s: (m) => [
    modeControl('workmode', m.workModes, (v) => `0,workmode,set,${v}`, 'N3S-DRV set_avalon_device_workmode; HA-EXERGY'),
    modeControl('worklevel', undefined, (v) => `0,worklevel,set,${v}`, 'N3S-DRV set_avalon_device_worklevel', { range: INT8 }),
    mm319Fan('N3S-DRV set_avalon_device_fan_spd'),
    mm319Voltage(undefined, 'N3S-DRV set_avalon_device_voltage (range reported by the device)'),
    mm319Freq('N3S-DRV set_avalon_device_freq'),
    spec(
      { control: 'led', input: 'on-off', effectText: text('tune.effect.nano3sLed'), source: 'N3S-DRV set_avalon_device_ledday' },
      {
        parameter: (v, ctx) => {
          const user = nano3sLedUser(ctx.snapshot);
          if (user === undefined) throw new ControlValidationError('invalid-value', text('tune.invalid.ledColour'));
          return `0,ledset,${[v === 'on' ? NANO3S_LED_BLINK : NANO3S_LED_STEADY, ...user.slice(1)].join('-')}`;
        },
        read: nano3sLed,
        matches: same,
      },
    ),
    reboot('0,reboot,0', 'N3S-DRV set_avalon_device_reboot'),
  ],
  mini3: (m) => [
    modeControl('workmode', m.workModes, (v) => `0,workmode,set,${v}`, 'HA-EXERGY; THERMALKEY'),
    modeControl('worklevel', m.workLevels, (v) => `0,worklevel,set,${v}`, 'HA-EXERGY; THERMALKEY'),
    mm319Fan('N3S-DRV fan-spd (same MM319 firmware); HA-EXERGY'),
    soft('softoff', 'PYASIC-AVA; HA-EXERGY'),
    soft('softon', 'PYASIC-AVA; HA-EXERGY'),
    reboot('0,reboot,0', 'HA-EXERGY'),
  ],
  'avalon-q': (m) => [
    modeControl('workmode', m.workModes, (v) => `0,workmode,set,${v}`, 'CAP-Q help; Q-RE-NOTES; HA-EXERGY'),
    modeControl('worklevel', undefined, (v) => `0,worklevel,set,${v}`, 'CAP-Q help; N3S-DRV worklevel', { range: INT8 }),
    mm319Fan('CAP-Q help; N3S-DRV fan-spd; HA-OPENHAB-NOTES'),
    mm319Voltage({ min: 2150, max: 2600 }, 'Q-RE-NOTES (the Q\'s own range error text)'),
    mm319Freq('CAP-Q help; N3S-DRV frequency format'),
    soft('softoff', 'CAP-Q ascset_softoff; PYASIC-AVA'),
    soft('softon', 'ASICRS-J ascset_softon; PYASIC-AVA'),
    reboot('0,reboot,0', 'Q-RE-NOTES; HA-EXERGY'),
  ],
};

/** The tuning dialect of a catalog model; undefined for USB models (tuned over USB, not this API). */
export function dialectOf(model: AvalonModel): Dialect | undefined {
  switch (model.family) {
    case 'avalon7':
    case 'avalon8':
    case 'a10':
    case 'nano3':
      return model.family;
    case 'avalon9':
      return model.id === 'a911' ? 'avalon911' : 'avalon9';
    case 'a11':
    case 'a12':
    case 'a13':
    case 'a14':
    case 'a15':
      return 'a11-a15';
    case 'mm319':
      return model.id === 'nano3s' ? 'nano3s' : model.id === 'mini3' ? 'mini3' : model.id === 'avalon-q' ? 'avalon-q' : undefined;
    default:
      return undefined;
  }
}

/** Controls both the catalog and the sources give this model, in display order. */
function specsFor(model: AvalonModel): readonly ControlSpec[] {
  const dialect = dialectOf(model);
  if (dialect === undefined) return [];
  return DIALECT_SPECS[dialect](model).filter((s) => model.controls.includes(s.control));
}

function toInfo(s: ControlSpec): ControlInfo {
  const { parameter: _p, read: _r, matches: _m, ...info } = s;
  return info;
}

export function availableControls(model: AvalonModel): ControlInfo[] {
  return specsFor(model).map(toInfo);
}

function findSpec(model: AvalonModel, control: TunableControl): ControlSpec {
  const found = specsFor(model).find((s) => s.control === control);
  if (found === undefined) throw new ControlValidationError('not-offered', text('tune.invalid.noControl', { model: model.displayName, control }));
  return found;
}

function describeRange(info: ControlInfo): MessageText | ReturnType<typeof listOf> {
  if (info.choices !== undefined) return listOf(info.choices.map((c) => text('tune.expect.choice', { value: c.value, name: c.name })), 'series');
  const r = info.range;
  if (r === undefined) return text('tune.expect.wholeNumber');
  const { min, max, step } = r;
  if (info.unit === undefined) return step === undefined ? text('tune.expect.range', { min, max }) : text('tune.expect.rangeStep', { min, max, step });
  const unit = info.unit;
  return step === undefined ? text('tune.expect.rangeUnit', { min, max, unit }) : text('tune.expect.rangeUnitStep', { min, max, unit, step });
}

/** Throws ControlValidationError unless the value fits the control. */
export function validateValue(info: ControlInfo, value: ControlValue, module?: number): void {
  const control = info.control;
  const bad = (expected: MessageText | ReturnType<typeof listOf>): never => {
    throw new ControlValidationError('invalid-value', text('tune.invalid.value', { control, value: String(JSON.stringify(value)), expected }));
  };
  if (info.needsModule && (module === undefined || !Number.isInteger(module) || module < 1 || module > 6)) {
    throw new ControlValidationError('invalid-value', text('tune.invalid.moduleFor', { control }));
  }
  switch (info.input) {
    case 'action':
      if (value !== null) bad(text('tune.expect.nothing'));
      return;
    case 'on-off':
      if (value !== 'on' && value !== 'off') bad(text('tune.expect.onOff'));
      return;
    case 'percent-or-auto':
      if (value === 'auto') return;
      break;
    case 'choice':
      if (typeof value !== 'number' || !info.choices?.some((c) => c.value === value)) bad(describeRange(info));
      return;
    case 'number':
      break;
  }
  const expected = info.input === 'percent-or-auto' ? text('tune.expect.autoOr', { range: describeRange(info) }) : describeRange(info);
  if (typeof value !== 'number' || !Number.isInteger(value)) return bad(expected);
  const r = info.range;
  if (r !== undefined && (value < r.min || value > r.max || (r.step !== undefined && (value - r.min) % r.step !== 0))) bad(expected);
}

/**
 * The request that sets `control` to `value` on `model`. Throws
 * ControlValidationError (nothing is sent) when the model lacks the control
 * or the value is outside its range.
 */
export function buildCommand(model: AvalonModel, control: TunableControl, value: ControlValue, ctx: BuildContext = {}): ApiCommand {
  const s = findSpec(model, control);
  validateValue(s, value, ctx.module);
  return { command: 'ascset', parameter: s.parameter(value, ctx) };
}

export function controlInfo(model: AvalonModel, control: TunableControl): ControlInfo | undefined {
  const s = specsFor(model).find((x) => x.control === control);
  return s === undefined ? undefined : toInfo(s);
}

/** The control's current state as the snapshot shows it; undefined when it does not. */
export function readControl(model: AvalonModel, control: TunableControl, snapshot: DeviceSnapshot, module?: number): Observed | undefined {
  const s = specsFor(model).find((x) => x.control === control);
  return s?.read?.(snapshot, module);
}

/** Whether `observed` shows `value` in place; undefined when the control cannot be read back. */
export function controlMatches(model: AvalonModel, control: TunableControl, value: ControlValue, observed: Observed | undefined): boolean | undefined {
  const s = specsFor(model).find((x) => x.control === control);
  if (s?.matches === undefined || observed === undefined) return undefined;
  return s.matches(value, observed);
}
