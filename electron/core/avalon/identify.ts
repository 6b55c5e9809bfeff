// Is this CGMiner an AvalonMiner? Used by discovery on every host that
// answers on port 4028, so it must be cheap and must not guess.
import type { DeviceIdentity } from '../../contract/snapshot.js';
import { findModel } from './models.js';
import { sectionEntries, stringField, type ReplyLike } from './reply.js';
import { parseVersion } from './version.js';

/**
 * The identity of an Avalon from its `version` reply, or null when the reply
 * is some other CGMiner (or not a version reply at all).
 *
 * Integrated and home models say so in PROD/MODEL/HWTYPE. Controller-era rigs
 * (A7-A9 on a Raspberry Pi) answer `version` like upstream cgminer, so pass
 * their `stats`/`estats` reply too: an Avalon driver's device entry
 * (`AV7x`, `AVA10x`, `AVALON0`, `AVANANO0`, ...) or an `MM ID<n>` key
 * identifies them.
 */
export function identifyAvalon(versionReply: ReplyLike, statsReply?: ReplyLike): DeviceIdentity | null {
  const identity = parseVersion(versionReply);
  if (identity.modelId !== 'unknown') return identity;
  if (/^Avalon/i.test(identity.product ?? '')) return identity;
  if (statsReply !== undefined) {
    const moduleVer = avalonModuleVersion(statsReply);
    if (moduleVer !== undefined) {
      return { ...identity, modelId: findModel(identity, moduleVer || undefined)?.id ?? 'unknown' };
    }
  }
  return null;
}

/** Stats device IDs of Canaan's cgminer drivers (driver short name + device number). */
const AVALON_STATS_ID = /^(AV[2-9]|AV10|AVA10|AVALON|AVANANO|AVLC3|AV3U|AV4M)\d+$/i;

/**
 * The `Ver[...]` of the first Avalon module in a stats reply; '' when the
 * reply is from an Avalon driver but carries no readable version; undefined
 * when nothing in it is Avalon.
 */
function avalonModuleVersion(statsReply: ReplyLike): string | undefined {
  let avalon = false;
  for (const entry of sectionEntries(statsReply, 'STATS', () => {})) {
    if (AVALON_STATS_ID.test(stringField(entry, 'ID') ?? '')) avalon = true;
    for (const [key, value] of Object.entries(entry)) {
      if (!/^MM ID\d+/.test(key)) continue;
      avalon = true;
      const ver = typeof value === 'string' ? /(?:^|[\s{])Ver\[([^\]]*)\]/.exec(value)?.[1] : undefined;
      if (ver !== undefined) return ver.trim();
    }
  }
  return avalon ? '' : undefined;
}
