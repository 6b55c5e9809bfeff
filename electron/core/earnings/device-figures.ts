// What the estimator needs from a fleet device: the chosen hashrate, the
// chosen power and the best share, read from its last snapshot. Only a device
// that answered its last poll counts: one that is stale or offline earns
// nothing now, whatever its last snapshot said.
import type { FleetDevice } from '../../contract/fleet.js';
import { modelById } from '../avalon/models.js';
import type { DeviceFigures } from './device-earnings.js';
import { chooseHashrate, choosePower, reportedHashrateHs } from './inputs.js';

export function deviceFigures(device: FleetDevice): DeviceFigures {
  const figures: DeviceFigures = { deviceId: device.record.id };
  const snapshot = device.snapshot;
  if (device.status !== 'online' || snapshot === undefined) return figures;
  const hashrate = chooseHashrate(reportedHashrateHs(snapshot.summary));
  if (hashrate !== undefined) figures.hashrate = hashrate;
  const power = choosePower(snapshot.derived.powerW, modelById(snapshot.identity.modelId)?.nominalW);
  if (power !== undefined) figures.power = power;
  if (snapshot.summary.bestShare !== undefined) figures.bestShare = snapshot.summary.bestShare;
  return figures;
}
