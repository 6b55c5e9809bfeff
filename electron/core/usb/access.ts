// Turns what the OS says when it refuses a USB stick into a typed error that
// tells the user exactly what to do. Sources (docs/usb.md): cgminer
// usbutils.c usb_init (LIBUSB_ERROR_ACCESS; on Windows LIBUSB_ERROR_NOT_SUPPORTED
// = "install a WinUSB driver ... using zadig") and README "WINDOWS"/"LINUX";
// the Avalon nano and Avalon4 mini are HID devices (Avalon-nano firmware
// hid_desc.c), which Windows and macOS open with their own HID driver.
import { access, constants } from 'node:fs/promises';
import { nativeErrorReason } from './native.js';
import { TransportError, type TransportErrorCode } from './transport.js';

export const UDEV_RULE_FILE = 'native/udev/70-hearth-avalon.rules';
/** The rule lines of UDEV_RULE_FILE (a test keeps them equal). */
export const UDEV_RULES: readonly string[] = Object.freeze([
  'SUBSYSTEM=="usb", ATTRS{idVendor}=="29f1", MODE="0660", TAG+="uaccess"',
  'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="29f1", MODE="0660", TAG+="uaccess"',
]);
/**
 * Installs the rule from anywhere: it carries the rule's text, since the
 * shipped file is not at a path root can read in every install (an AppImage's
 * files sit in a FUSE mount that root cannot open).
 */
export const UDEV_INSTALL_COMMAND =
  `printf '%s\\n' ${UDEV_RULES.map((line) => `'${line}'`).join(' ')} | sudo tee /etc/udev/rules.d/70-hearth-avalon.rules >/dev/null` +
  ' && sudo udevadm control --reload-rules && sudo udevadm trigger';

export const ADVICE = Object.freeze({
  linuxAccess: `Linux refused access to the stick. Install the udev rule: ${UDEV_INSTALL_COMMAND}, then re-plug the stick.`,
  windowsWinUsb:
    'Windows has no WinUSB driver on this device. Only the AUC (USB2IIC Converter, 29f1:33f2) needs one: run Zadig as administrator, ' +
    'Options > List All Devices, pick the converter, choose WinUSB, Replace Driver, then re-plug. The Avalon nano and Avalon4 mini ' +
    'are HID devices and need no driver; if Zadig was used on one for cgminer, Hearth can still reach it through WinUSB.',
  busy: 'Another program (cgminer, bfgminer or a second Hearth) is using the stick. Close it, then re-plug the stick.',
  gone: 'The stick was unplugged.',
});

export interface UsbErrorContext {
  platform: NodeJS.Platform;
  backend: 'hid' | 'usb';
  /** e.g. "Avalon nano at /dev/hidraw3". */
  what: string;
}

function classify(message: string, ctx: UsbErrorContext): TransportErrorCode {
  if (/LIBUSB_ERROR_ACCESS|EACCES|EPERM|permission|access denied|not permitted/i.test(message)) return 'access-denied';
  if (/NOT_SUPPORTED|not supported/i.test(message) && ctx.platform === 'win32') return 'driver-missing';
  if (/LIBUSB_ERROR_BUSY|EBUSY|resource busy|already claimed|in use/i.test(message)) return 'busy';
  if (/NO_DEVICE|ENODEV|no such device|disconnected|not found/i.test(message)) return 'unplugged';
  if (/TIMEOUT|timed out/i.test(message)) return 'timeout';
  // hidapi says only "cannot open device with path ..."; on Linux that is the hidraw node's permissions.
  if (ctx.backend === 'hid' && ctx.platform === 'linux' && /cannot open/i.test(message)) return 'access-denied';
  return 'io';
}

/** What to tell the user for a transport failure on a platform; undefined when there is nothing they can do. */
export function usbAdvice(code: TransportErrorCode, platform: NodeJS.Platform): string | undefined {
  if (code === 'access-denied' && platform === 'linux') return ADVICE.linuxAccess;
  if (code === 'driver-missing') return ADVICE.windowsWinUsb;
  if (code === 'busy' || (code === 'access-denied' && platform !== 'linux')) return ADVICE.busy;
  if (code === 'unplugged') return ADVICE.gone;
  return undefined;
}

/** A TransportError whose message says what failed and, where there is one, the fix. */
export function usbError(error: unknown, ctx: UsbErrorContext): TransportError {
  if (error instanceof TransportError) return error;
  const reason = nativeErrorReason(error);
  const code = classify(reason, ctx);
  const fix = usbAdvice(code, ctx.platform);
  return new TransportError(code, `${ctx.what}: ${reason}${fix ? `. ${fix}` : ''}`, { cause: error });
}

/**
 * On Linux, whether this user may open a stick's device node (/dev/hidraw*),
 * asked with access(2) so the stick itself is never opened; undefined when it
 * may, or when there is nothing to check (other platforms, no node path).
 */
export async function probeNodeAccess(path: string | undefined, ctx: UsbErrorContext): Promise<TransportError | undefined> {
  if (ctx.platform !== 'linux' || !path?.startsWith('/dev/')) return undefined;
  try {
    await access(path, constants.R_OK | constants.W_OK);
    return undefined;
  } catch (error) {
    const refused = usbError(error, ctx);
    return refused.code === 'access-denied' ? refused : undefined;
  }
}
