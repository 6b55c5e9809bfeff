// Health checks about the network: can the device be reached at all, can
// anyone on the network change it, and can it (and Hearth) reach its pools.
import type { ExposureProbe, HealthCheck, PoolProbe } from '../../contract/diagnostics.js';
import { listOf, type MessageText } from '../../contract/message-text.js';
import type { DeviceError } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import type { AvalonModel } from '../avalon/models.js';
import { check, NOTHING_TO_DO, rawNumber, round, Details } from './check-helpers.js';
import { inferExposure } from './exposure.js';
import { healthText as text } from './messages.js';

export function connectionCheck(error: DeviceError): HealthCheck {
  return check(
    'connection',
    'fail',
    // The transport's message names the address and the errno: kept as is.
    text('health.connection.failed', { help: text(`health.connection.${error.kind}`), message: error.message }),
    text('health.connection.next'),
    new Details().set(text('health.detail.kind'), error.kind),
  );
}

const EXPOSURE_NEXT = text('health.exposure.next');

export function exposureCheck(model: AvalonModel | undefined, probe: ExposureProbe | undefined): HealthCheck {
  const inferred = inferExposure(model);
  const reason = inferred.reasonText;
  const details = new Details().set(text('health.detail.inferred'), text(`health.detail.exposed.${inferred.exposed}`)).set(text('health.detail.source'), inferred.source);
  if (probe !== undefined) {
    details.set(text('health.detail.probe'), probe.sent);
    details.set(text('health.detail.access'), text(`health.detail.access.${probe.access}`));
    if (probe.access === 'allowed') {
      const said = inferred.exposed === 'yes' ? text('health.exposure.confirmedAny', { reason }) : text('health.exposure.confirmedProbably');
      return check('exposure', 'warn', said, EXPOSURE_NEXT, details);
    }
    if (probe.access === 'denied') return check('exposure', 'pass', text('health.exposure.denied'), NOTHING_TO_DO, details);
  }
  switch (inferred.exposed) {
    case 'yes':
      return check('exposure', 'warn', text('health.exposure.known', { reason }), EXPOSURE_NEXT, details);
    case 'likely':
      return check('exposure', 'warn', text('health.exposure.likely', { reason }), EXPOSURE_NEXT, details);
    default:
      return check('exposure', 'unknown', text('health.exposure.notKnown', { reason }), text('health.exposure.next.run'), details);
  }
}

/** A pool slower than this to answer a subscribe from Hearth is called out, ms. */
export const SLOW_POOL_MS = 1000;

export function poolsCheck(snapshot: DeviceSnapshot, probes: readonly PoolProbe[] | undefined): HealthCheck {
  const pools = snapshot.pools;
  const details = new Details();
  const ping = snapshot.modules.map((m) => rawNumber(m, 'PING')).find((p) => p !== undefined && p > 0);
  if (ping !== undefined) details.set(text('health.detail.devicePingMs'), ping);
  if (pools.length === 0 && snapshot.raw['pools'] === undefined) {
    return check('pools', 'unknown', text('health.pools.notReported'), text('health.pools.next.notReported'), details);
  }
  if (pools.length === 0) return check('pools', 'fail', text('health.pools.none'), text('health.pools.next.none'), details);
  const used = pools.filter((p) => !/disabled/i.test(p.status));
  const dead = used.filter((p) => /dead/i.test(p.status));
  for (const p of probes ?? []) {
    const result = p.reachable
      ? p.subscribeMs === undefined
        ? text('health.detail.reachable')
        : text('health.detail.reachableMs', { ms: round(p.subscribeMs) })
      : text('health.detail.unreachable', { kind: p.error?.kind ?? '?' });
    details.set(text('health.detail.pool', { pool: p.index }), result);
  }
  const probeOf = (index: number): PoolProbe | undefined => probes?.find((p) => p.index === index);
  if (used.length === 0) return check('pools', 'fail', text('health.pools.allDisabled'), text('health.pools.next.disabled'), details);
  if (dead.length === used.length) {
    const said = dead.some((p) => probeOf(p.index)?.reachable === true)
      ? text('health.pools.allDeadDeviceSide')
      : probes !== undefined && probes.length > 0
        ? text('health.pools.allDeadEverywhere')
        : text('health.pools.allDead');
    return check('pools', 'fail', said, text('health.pools.next.dead'), details);
  }
  const notes: MessageText[] = [];
  if (dead.length > 0) notes.push(text('health.pools.someDead', { dead: dead.length, used: used.length }));
  for (const p of used) {
    const probe = probeOf(p.index);
    if (probe === undefined) continue;
    if (!probe.reachable && !/dead/i.test(p.status)) {
      notes.push(text('health.pools.unreachableHere', { pool: p.index, reason: probe.error?.message ?? text('health.pools.noAnswer') }));
    }
    if (probe.reachable && probe.subscribeMs !== undefined && probe.subscribeMs > SLOW_POOL_MS) notes.push(text('health.pools.slow', { pool: p.index, ms: round(probe.subscribeMs) }));
  }
  if (notes.length > 0) return check('pools', 'warn', text('health.pools.warn', { notes: listOf(notes) }), text('health.pools.next.warn'), details);
  const active = used.find((p) => p.active === true) ?? used[0];
  const probe = active === undefined ? undefined : probeOf(active.index);
  const said = probe?.subscribeMs !== undefined ? text('health.pools.aliveLatency', { ms: round(probe.subscribeMs) }) : text('health.pools.alive');
  return check('pools', 'pass', said, NOTHING_TO_DO, details);
}
