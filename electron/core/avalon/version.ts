// `version` reply -> DeviceIdentity. Canaan adds PROD/MODEL/HWTYPE/... to the
// upstream CGMiner/API fields (docs/avalon-parsing.md, "version").
import type { DeviceIdentity } from '../../contract/snapshot.js';
import { compact } from './compact.js';
import { findModel } from './models.js';
import { ignoreWarnings, sectionEntries, stringField, type ReplyLike, type Warn } from './reply.js';

/**
 * Reads the first `VERSION` entry. `modelId` is the catalog id when the
 * identity strings match a model, else 'unknown' (controller-era rigs only
 * identify themselves in stats; see buildSnapshot). Malformed sections are
 * reported through `warn`.
 */
export function parseVersion(reply: ReplyLike | undefined, warn: Warn = ignoreWarnings): DeviceIdentity {
  const entry = sectionEntries(reply, 'VERSION', warn)[0];
  if (entry === undefined) return { modelId: 'unknown' };
  const identity: DeviceIdentity = {
    modelId: 'unknown',
    product: stringField(entry, 'PROD'),
    modelCode: stringField(entry, 'MODEL'),
    // A 2019 build misspelt VERSION as VERION; home miners send only the
    // LVERSION/CGVERSION pair.
    firmware:
      stringField(entry, 'VERSION') ??
      stringField(entry, 'VERION') ??
      stringField(entry, 'CGVERSION') ??
      stringField(entry, 'LVERSION'),
    hwType: stringField(entry, 'HWTYPE'),
    swType: stringField(entry, 'SWTYPE'),
    cgminerVersion: stringField(entry, 'CGMiner'),
    apiVersion: stringField(entry, 'API'),
    dna: stringField(entry, 'DNA'),
    mac: stringField(entry, 'MAC'),
  };
  identity.modelId = findModel(identity)?.id ?? 'unknown';
  return compact(identity);
}
