// Health checks about the network: can the device be reached at all, can
// anyone on the network change it, and can it (and Hearth) reach its pools.
import type { ExposureProbe, HealthCheck, PoolProbe } from '../../contract/diagnostics.js';
import type { DeviceError } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import type { AvalonModel } from '../avalon/models.js';
import { check, rawNumber, round, type Details } from './check-helpers.js';
import { inferExposure } from './exposure.js';

const CONNECTION_HELP: Record<DeviceError['kind'], string> = {
  refused: 'The device answered but its API port is closed: it may be restarting, or the API is switched off.',
  timeout: 'The device did not answer in time: it may be off, restarting, or overloaded.',
  unreachable: 'No route to the device: it is off, disconnected, or its address changed.',
  reset: 'The device dropped the connection half-way through its answer.',
  'too-large': 'The device sent far more data than any Avalon does: this may not be a miner.',
  'invalid-reply': 'Something answered on the port, but not with a CGMiner reply.',
  'not-cgminer': 'Something answered on the port, but it is not a CGMiner API.',
  'not-avalon': 'A CGMiner answered, but it does not identify as an Avalon.',
  'status-error': 'The device refused the request.',
  'access-denied': 'The device refuses this computer: its API access list does not include this address.',
};

export function connectionCheck(error: DeviceError): HealthCheck {
  return check(
    'connection',
    'fail',
    'Connection',
    `${CONNECTION_HELP[error.kind]} (${error.message})`,
    'Check that the device is powered and plugged into the network, that its address has not changed (see your router\'s list of devices), then run the check again.',
    { kind: error.kind },
  );
}

const EXPOSURE_NEXT =
  'Keep the device off the internet: no port forwarding to it on your router, and ideally put miners on a separate guest or IoT network. Change its web password from the default. Hearth cannot switch this off on the device.';

export function exposureCheck(model: AvalonModel | undefined, probe: ExposureProbe | undefined): HealthCheck {
  const title = 'Who can change this device';
  const inferred = inferExposure(model);
  const details: Details = { inferred: inferred.exposed, source: inferred.source };
  if (probe !== undefined) {
    details['probe'] = probe.sent;
    details['access'] = probe.access;
    if (probe.access === 'allowed') {
      return check(
        'exposure',
        'warn',
        title,
        `Confirmed: the device accepts device-changing commands (pools, modes, restart) from this computer without a password, and ${inferred.exposed === 'yes' ? `so from any computer on your network: ${inferred.reason}` : 'probably from other computers on your network too'}.`,
        EXPOSURE_NEXT,
        details,
      );
    }
    if (probe.access === 'denied') {
      return check('exposure', 'pass', title, 'The device refuses device-changing commands from this computer: its API access list is in force.', 'Nothing to do.', details);
    }
  }
  switch (inferred.exposed) {
    case 'yes':
    case 'likely':
      return check('exposure', 'warn', title, `${inferred.exposed === 'yes' ? 'Known' : 'Likely'} from its firmware: ${inferred.reason}.`, EXPOSURE_NEXT, details);
    default:
      return check('exposure', 'unknown', title, `Not known: ${inferred.reason}. Run the health check to ask the device.`, 'Run the health check from the device page.', details);
  }
}

/** A pool slower than this to answer a subscribe from Hearth is called out, ms. */
export const SLOW_POOL_MS = 1000;

export function poolsCheck(snapshot: DeviceSnapshot, probes: readonly PoolProbe[] | undefined): HealthCheck {
  const title = 'Pools';
  const pools = snapshot.pools;
  const details: Details = {};
  const ping = snapshot.modules.map((m) => rawNumber(m, 'PING')).find((p) => p !== undefined && p > 0);
  if (ping !== undefined) details['devicePingMs'] = ping;
  if (pools.length === 0 && snapshot.raw['pools'] === undefined) {
    return check('pools', 'unknown', title, 'The device did not report its pools.', 'Run the health check again; if it persists, send a support bundle.', details);
  }
  if (pools.length === 0) {
    return check('pools', 'fail', title, 'The device has no pool configured, so it has nothing to mine.', 'Add a pool on the device\'s pool settings.', details);
  }
  const used = pools.filter((p) => !/disabled/i.test(p.status));
  const dead = used.filter((p) => /dead/i.test(p.status));
  for (const p of probes ?? []) {
    details[`pool ${p.index}`] = p.reachable ? `reachable${p.subscribeMs !== undefined ? `, ${round(p.subscribeMs)} ms` : ''}` : `unreachable (${p.error?.kind ?? '?'})`;
  }
  const probeOf = (index: number): PoolProbe | undefined => probes?.find((p) => p.index === index);
  if (used.length === 0) return check('pools', 'fail', title, 'Every pool is disabled, so the device has nothing to mine.', 'Enable a pool on the device.', details);
  if (dead.length === used.length) {
    const reachableHere = dead.filter((p) => probeOf(p.index)?.reachable === true);
    const why =
      reachableHere.length > 0
        ? ' Hearth can reach the pool from this computer, so the problem is on the device\'s side: its network settings (gateway, DNS) or its cable or Wi-Fi.'
        : probes !== undefined && probes.length > 0
          ? ' Hearth cannot reach the pool from here either: the pool or your internet connection is down, or the address is wrong.'
          : '';
    return check('pools', 'fail', title, `The device reports every pool as dead, so it cannot mine.${why}`, 'Check the pool address and port, and the device\'s network connection; then restart the device.', details);
  }
  const notes: string[] = [];
  if (dead.length > 0) notes.push(`${dead.length} of ${used.length} pools are dead on the device (the others take over)`);
  for (const p of used) {
    const probe = probeOf(p.index);
    if (probe === undefined) continue;
    if (!probe.reachable && !/dead/i.test(p.status)) notes.push(`Hearth cannot reach pool ${p.index} from this computer although the device can (${probe.error?.message ?? 'no answer'})`);
    if (probe.reachable && probe.subscribeMs !== undefined && probe.subscribeMs > SLOW_POOL_MS) notes.push(`pool ${p.index} took ${round(probe.subscribeMs)} ms to answer`);
  }
  if (notes.length > 0) {
    return check('pools', 'warn', title, `The device is mining, but ${notes.join('; ')}.`, 'Fix or remove the dead pool; a slow pool costs stale shares, so prefer one closer to you.', details);
  }
  const active = used.find((p) => p.active === true) ?? used[0];
  const probe = active === undefined ? undefined : probeOf(active.index);
  const latency = probe?.subscribeMs !== undefined ? ` It answers Hearth in ${round(probe.subscribeMs)} ms.` : '';
  return check('pools', 'pass', title, `The device's pool is alive.${latency}`, 'Nothing to do.', details);
}
