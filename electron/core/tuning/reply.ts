// How a device answered a change: accepted, refused in its own words,
// refused for lack of write access, or no usable answer at all. Facts:
// avalon-protocol.md 1.6, 1.7 and 4.1; docs/tuning.md "Replies".
import type { CgminerReply } from '../cgminer-api/client.js';
import { CgminerError, CgminerRequestError } from '../cgminer-api/errors.js';
import type { AvalonModel } from '../avalon/models.js';
import { dialectOf } from './controls.js';

export type SendOutcome =
  | { kind: 'accepted'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'access-denied'; message: string }
  /** Nothing was delivered: the connection could not be made. */
  | { kind: 'unreachable'; message: string }
  /** Sent, but the answer was lost or unreadable: only a read-back can tell. */
  | { kind: 'unknown'; message: string }
  | { kind: 'invalid-request'; message: string };

/**
 * Texts the Nano 3S driver returns as an *info* reply although it did nothing
 * (set_avalon_device_ledday returns NULL after writing them) [N3S-DRV].
 */
const REFUSALS_IN_INFO = [/not in \((day|dark)\)mode now/i];

export function interpretReply(reply: CgminerReply): SendOutcome {
  const first = reply.STATUS[0];
  const message = first?.Msg ?? '';
  if (REFUSALS_IN_INFO.some((re) => re.test(message))) return { kind: 'refused', message };
  return { kind: 'accepted', message };
}

export function interpretError(err: unknown): SendOutcome {
  if (err instanceof CgminerRequestError) return { kind: 'invalid-request', message: err.message };
  if (!(err instanceof CgminerError)) throw err;
  switch (err.kind) {
    case 'access-denied':
      return { kind: 'access-denied', message: deviceText(err.message) };
    case 'status-error':
      return { kind: 'refused', message: deviceText(err.message) };
    case 'refused':
    case 'unreachable':
      return { kind: 'unreachable', message: err.message };
    default:
      // timeout, reset, invalid-reply, not-cgminer, too-large: the command
      // may have run. A Q closes the socket without a reply after `softon`
      // [ASICRS-Q], and a rebooting miner drops the connection.
      return { kind: 'unknown', message: err.message };
  }
}

/** The device's Msg without the client's "host:port 'cmd': " prefix and " (code N)" suffix. */
function deviceText(message: string): string {
  return message.replace(/^\S+ '[^']*': /, '').replace(/ \(code \d+\)$/, '');
}

/**
 * What to tell the user when the device refuses a change for lack of write
 * access, per firmware family (docs/tuning.md "Write access").
 */
export function accessDeniedHelp(model: AvalonModel, clientAddress?: string): string {
  const who = clientAddress ?? "this computer's address";
  const allow = `W:${who}`;
  switch (dialectOf(model)) {
    case 'avalon7':
    case 'avalon8':
    case 'avalon9':
    case 'avalon911':
      return (
        `The miner only lets listed addresses change it. Add ${allow} to its API allow list: on the controller's web page ` +
        `(cgminer configuration, "API Allow"; stored as api_allow), or cgminer's --api-allow option, then restart cgminer.`
      );
    case 'a10':
    case 'a11-a15':
      return (
        `The miner's API gives this computer read-only access. Add ${allow} to the API allow setting ` +
        `(cgminer's --api-allow option; on the miner's web page where its firmware offers it), then restart the miner.`
      );
    default:
      return (
        `This firmware normally accepts changes from any address, so something between Hearth and the miner ` +
        `(a proxy, or modified firmware) refused it. If the miner has an API allow setting, add ${allow} to it.`
      );
  }
}
