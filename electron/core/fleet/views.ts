// What the fleet shows of a snapshot: the chart sample taken from it, and the
// slim copy sent with every fleet event (hundreds of devices, several times a
// minute), which leaves out what only the device page needs.
import type { FleetDevice, Sample } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';

/** One chart point. Hash rate is the 1-minute figure (smoother than 5 s, what derived J/TH uses too). */
export function sampleOf(snapshot: DeviceSnapshot): Sample {
  const sample: Sample = { t: snapshot.takenAt };
  const s = snapshot.summary;
  const ghs = s.ghs1m ?? s.ghs5s ?? s.ghsAvg;
  if (ghs !== undefined) sample.ghs = ghs;
  if (snapshot.derived.hottestC !== undefined) sample.tempMaxC = snapshot.derived.hottestC;
  if (snapshot.derived.powerW !== undefined) sample.powerW = snapshot.derived.powerW;
  const fans = snapshot.derived.fansRpm;
  if (fans.length > 0) sample.fanRpm = Math.round(fans.reduce((a, b) => a + b, 0) / fans.length);
  return sample;
}

/**
 * The snapshot without raw replies, per-module raw items and per-chip arrays:
 * a few hundred bytes instead of ~10 KB for an A1566. `device.get` serves the
 * full one.
 */
export function slimSnapshot(snapshot: DeviceSnapshot): DeviceSnapshot {
  return {
    ...snapshot,
    raw: {},
    modules: snapshot.modules.map((m) => ({
      ...m,
      raw: {},
      boards: m.boards.map(({ chipTempsC: _t, chipVoltages: _v, ...board }) => board),
    })),
  };
}

export function slimDevice(device: FleetDevice): FleetDevice {
  return device.snapshot === undefined ? device : { ...device, snapshot: slimSnapshot(device.snapshot) };
}
