// Command-line parsing on top of node's parseArgs: unknown options and
// malformed numbers become UsageErrors with a message that names them.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDeviceAddress, AddressError, type DeviceAddress } from '../core/fleet/address.js';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify a positional.*$/s, '') : String(err));
  }
}

/** A whole number within [min, max] from an option value; undefined when the option was not given. */
export function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${n}`);
  return n;
}

/** host, host:port, [v6]:port: the device addresses the CLI takes. */
export function deviceArgument(text: string | undefined, what = 'a device address (host or host:port)'): DeviceAddress {
  if (text === undefined) throw new UsageError(`missing ${what}`);
  try {
    return parseDeviceAddress(text);
  } catch (err) {
    if (err instanceof AddressError) throw new UsageError(err.message);
    throw err;
  }
}
