// How a device answered a change: accepted, refused in its own words,
// refused for lack of write access, or no usable answer at all. Facts:
// avalon-protocol.md 1.6, 1.7 and 4.1; docs/tuning.md "Replies".
import type { MessageText } from '../../contract/message-text.js';
import type { CgminerReply } from '../cgminer-api/client.js';
import { CgminerError, CgminerRequestError } from '../cgminer-api/errors.js';
import type { AvalonModel } from '../avalon/models.js';
import { dialectOf } from './controls.js';
import { tuningText } from './messages.js';

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
export function accessDeniedHelp(model: AvalonModel, clientAddress?: string): MessageText {
  const who = clientAddress ?? tuningText('tune.access.thisComputer');
  switch (dialectOf(model)) {
    case 'avalon7':
    case 'avalon8':
    case 'avalon9':
    case 'avalon911':
      return tuningText('tune.access.controller', { who });
    case 'a10':
    case 'a11-a15':
      return tuningText('tune.access.aSeries', { who });
    default:
      return tuningText('tune.access.open', { who });
  }
}
