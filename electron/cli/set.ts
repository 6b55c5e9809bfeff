// `hearth set <host[:port]> <control> [<value>]`: one control of one device,
// with the app's validation, confirmation and read-back (docs/cli.md).
import type { ControlInfo, ControlValue, TunableControl } from '../contract/tuning.js';
import { TunableControlSchema } from '../contract/tuning.js';
import { availableControls, controlInfo } from '../core/tuning/controls.js';
import { deviceArgument, intOption, parseCommandLine } from './args.js';
import { identify, runChange, type ChangeRunOptions } from './change.js';
import { EXIT_NOT_APPLIED, ExitError, UsageError } from './errors.js';
import type { Io } from './io.js';

export const SET_HELP = `Usage: hearth set <host[:port]> <control> [<value>] [--yes] [--module N] [--json] [--timeout ms]

Changes one setting of one device, then reads it back.
Controls (where the model has them):
  workmode <n|name>    e.g. 0, 1, 2 or the mode's name (eco, standard, super, ...)
  worklevel <n|name>
  fan auto|<percent>
  target-temp <C>
  led on|off
  freq <MHz>           expert: all PLL points are set to this value
  voltage <value>      expert: unit per model (mV, level, 0.01 V)
  reboot | softoff | softon
  --yes          confirm a change that interrupts mining (reboot, soft off, work mode, ...);
                 without it hearth asks when run in a terminal, and refuses otherwise
  --module N     controller-era rigs: the hash module (1-6) for led and reboot
  --json         print the full result as JSON
  --timeout ms   budget for the first poll (default 5000)
Exit status: 0 applied, 1 device unreachable, 2 usage error, 4 not applied (refused,
access denied, not confirmed, out of range, or the read-back does not show it).`;

const CONTROLS = TunableControlSchema.options;

function parseNumber(control: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${control} wants a whole number, got "${text}"`);
  return Number(text);
}

/** The value as the control takes it: a number, a named choice, auto, on/off, or nothing. */
export function parseControlValue(info: ControlInfo, text: string | undefined): ControlValue {
  const name = info.control;
  if (info.input === 'action') {
    if (text !== undefined) throw new UsageError(`${name} takes no value`);
    return null;
  }
  if (text === undefined) throw new UsageError(`${name} needs a value`);
  switch (info.input) {
    case 'on-off':
      if (text !== 'on' && text !== 'off') throw new UsageError(`${name} wants on or off, got "${text}"`);
      return text;
    case 'percent-or-auto':
      return text === 'auto' ? 'auto' : parseNumber(name, text);
    case 'choice': {
      const byName = info.choices?.find((c) => c.name.toLowerCase() === text.toLowerCase());
      return byName !== undefined ? byName.value : parseNumber(name, text);
    }
    case 'number':
      return parseNumber(name, text);
  }
}

export function setCommand(argv: readonly string[], io: Io): Promise<number> {
  return runSet(argv, io);
}

export async function runSet(argv: readonly string[], io: Io, opts: ChangeRunOptions = {}): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' },
    module: { type: 'string' },
    timeout: { type: 'string' },
  });
  const [where, controlText, valueText, ...extra] = positionals;
  const address = deviceArgument(where);
  if (controlText === undefined) throw new UsageError(`missing control: one of ${CONTROLS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!(CONTROLS as readonly string[]).includes(controlText)) throw new UsageError(`unknown control "${controlText}": one of ${CONTROLS.join(', ')}`);
  const control = controlText as TunableControl;
  const module = intOption('module', values.module, 1, 6);
  const timeoutMs = intOption('timeout', values.timeout, 1, 600_000) ?? 5000;

  const device = await identify(address, timeoutMs);
  const info = controlInfo(device.model, control);
  if (info === undefined) {
    const offered = availableControls(device.model).map((c) => c.control);
    throw new ExitError(
      EXIT_NOT_APPLIED,
      `${address.id}: not sent: ${device.model.displayName} has no ${control} control (it has: ${offered.join(', ') || 'none over this API'})`,
    );
  }
  const value = parseControlValue(info, valueText);
  const request = { kind: 'control' as const, control, value, ...(module === undefined ? {} : { module }) };
  return runChange(address, device, request, { yes: values.yes === true, json: values.json === true }, io, opts);
}
