// `ascset` on the A10 series (A1026/A1047/A1066), as the A10 manual's
// "universal API" documents it (avalon-protocol.md 4.3): reboot, the locate
// LED, the work mode (used from the next boot) and the single pool (also
// from the next boot). Texts the manual does not give are simulator
// wording, listed in docs/simulator.md.
import { createHash } from 'node:crypto';
import { failed, info, ok, parseInteger } from './ascset-reply.js';
import type { SimDevice, SimReading } from './device.js';
import type { Reply } from './wire.js';

/** The manual's options (plus FMS's `upgrade`); only the first four are modelled. */
const A10_OPTIONS = new Set(['reboot', 'led', 'workmode', 'setpool', 'hashpower', 'ip', 'dns', 'upgrade']);
/** `led,1-255` and `workmode,255` query instead of setting. */
const QUERY = 255;

/**
 * `reboot,<n>`: 0 always reboots; otherwise FMS passes the `When` it read
 * earlier and a device whose `When` is already smaller (it rebooted since)
 * answers "Wrong parameter" [FMS-API; the comparison is inferred].
 */
function reboot(dev: SimDevice, r: SimReading, value: string | undefined): Reply {
  const n = parseInteger(value);
  if (n === undefined || n < 0 || (n > 0 && n > r.when)) return failed(r, 'Wrong parameter');
  dev.reboot(0);
  return ok(r);
}

function led(dev: SimDevice, r: SimReading, value: string | undefined): Reply {
  const m = /^1-(\d+)$/.exec(value ?? '');
  const state = parseInteger(m?.[1]);
  if (state === QUERY) return info(r, `LED[${dev.led}]`);
  if (state !== 0 && state !== 1) return failed(r, 'led unknown argument');
  dev.led = state;
  return ok(r);
}

/** Both setting and querying answer `WORKMODE[n]` (manual 2.4); the running mode changes at the next boot. */
function workmode(dev: SimDevice, r: SimReading, value: string | undefined): Reply {
  const n = parseInteger(value);
  if (n === QUERY) return info(r, `WORKMODE[${dev.pendingWorkMode ?? dev.workMode}]`);
  if (n === undefined || !dev.profile.modes.some((m) => m.value === n)) return failed(r, 'workmode unknown argument');
  dev.pendingWorkMode = n;
  return info(r, `WORKMODE[${n}]`);
}

/** `setpool,<webuser>,<webpass>,<url>,<worker>,<workerpass>` (manual 2.5); the web login checks are the MM319 firmware's. */
function setpool(dev: SimDevice, r: SimReading, args: readonly string[]): Reply {
  if (args.length !== 5) return failed(r, `setpool needs 5 arguments, got ${args.length}`);
  const [user, pass, url, worker, workerPass] = args as [string, string, string, string, string];
  if (user !== dev.webUser) return failed(r, 'username err');
  if (createHash('sha256').update(pass).digest('hex') !== dev.webPasswordSha256) return failed(r, 'userpass err');
  if (url === '' || worker === '') return failed(r, 'setpool parameter error');
  dev.pendingPools.set(0, { url, user: worker, password: workerPass });
  return info(r, `\npool success set to ${url}\nworker is ${worker}\nworkerpassword is ${workerPass}\nPlease reboot miner to make config work.\n`);
}

export function a10Ascset(dev: SimDevice, r: SimReading, option: string, args: readonly string[]): Reply {
  if (!A10_OPTIONS.has(option)) return failed(r, `Unknown option: ${option}`);
  switch (option) {
    case 'reboot':
      return reboot(dev, r, args[0]);
    case 'led':
      return led(dev, r, args[0]);
    case 'workmode':
      return workmode(dev, r, args[0]);
    case 'setpool':
      return setpool(dev, r, args);
    default:
      return failed(r, `${option} is not simulated`);
  }
}
