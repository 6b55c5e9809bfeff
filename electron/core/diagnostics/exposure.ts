// Whether a device's API lets anyone on the network change it. First what
// the model's firmware family implies (protocol reference 1.6), then, only
// when the user runs a health check, the device's own answer to cgminer's
// read-only `check|ascset`, which reports whether this client could run
// `ascset` without running it. Nothing that changes the device is ever sent.
import type { ExposureProbe } from '../../contract/diagnostics.js';
import type { MessageText } from '../../contract/message-text.js';
import { query, type CgminerTarget } from '../cgminer-api/client.js';
import { CgminerError } from '../cgminer-api/errors.js';
import type { AvalonModel } from '../avalon/models.js';
import { healthEnglish, healthText } from './messages.js';

export interface ExposureInference {
  /** yes: the firmware has no access control; likely: writes documented without any auth step; depends: set per install. */
  exposed: 'yes' | 'likely' | 'depends' | 'unknown';
  reason: string;
  /** `reason` as a key, for translation. */
  reasonText: MessageText;
  source: string;
}

function inference(exposed: ExposureInference['exposed'], reasonText: MessageText, source: string): ExposureInference {
  return { exposed, reason: healthEnglish(reasonText), reasonText, source };
}

export function inferExposure(model: AvalonModel | undefined): ExposureInference {
  if (model === undefined) {
    return inference('unknown', healthText('health.exposure.reason.unrecognised'), '-');
  }
  switch (model.family) {
    case 'mm319':
    case 'nano3':
      return inference(
        'yes',
        healthText('health.exposure.reason.open', { model: model.displayName }),
        'N3S-API ("No address and group checking"); protocol reference 1.6 for the Mini 3, Q and Nano 3 (same firmware family)',
      );
    case 'a10':
    case 'a11':
    case 'a12':
    case 'a13':
    case 'a14':
    case 'a15':
      return inference('likely', healthText('health.exposure.reason.aSeries'), 'A10DOC; PYASIC-AVA (protocol reference 1.6)');
    case 'avalon7':
    case 'avalon8':
    case 'avalon9':
      return inference('depends', healthText('health.exposure.reason.controller'), 'CK-README (--api-allow); EXTRAS-CFG (W:192.168.1.0/24)');
    default:
      return inference('unknown', healthText('health.exposure.reason.usb'), '-');
  }
}

/** Exactly what the probe sends: a report command that names `ascset` without running it. */
export const EXPOSURE_PROBE_COMMAND = { command: 'check', parameter: 'ascset' } as const;

/**
 * Asks the device whether this client may run `ascset` (`check|ascset`,
 * cgminer API-README: "Exists=Y/N, Access=Y/N"). Never throws for a device
 * answer; transport failures come back as access 'unknown' with the reason.
 */
export async function probeWriteAccess(target: CgminerTarget, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ExposureProbe> {
  const sent = `${EXPOSURE_PROBE_COMMAND.command}|${EXPOSURE_PROBE_COMMAND.parameter}`;
  try {
    const reply = await query(target, EXPOSURE_PROBE_COMMAND.command, EXPOSURE_PROBE_COMMAND.parameter, {
      timeoutMs: opts.timeoutMs ?? 3000,
      maxBytes: 16 * 1024,
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    });
    const section = reply['CHECK'];
    const entry: unknown = Array.isArray(section) ? section[0] : undefined;
    const access = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['Access'] : undefined;
    if (access === 'Y') return { sent, access: 'allowed', detail: 'the device says this computer may run ascset (device-changing commands)' };
    if (access === 'N') return { sent, access: 'denied', detail: 'the device says this computer may not run ascset' };
    return { sent, access: 'unknown', detail: 'the device\'s answer to check has no Access field' };
  } catch (err) {
    if (err instanceof CgminerError) {
      const detail = err.kind === 'status-error' ? `the firmware does not answer check (${err.message})` : `no answer: ${err.message}`;
      return { sent, access: 'unknown', detail };
    }
    throw err;
  }
}
