// Fleet events carry only what changed (docs/fleet-monitoring.md, "Events").
// The monitor gives a device a new view object whenever anything about it
// changes and never mutates one (monitor.ts), so "changed" means "not the
// object last announced": no deep comparison, one map lookup per device.
import type { FleetDelta, FleetDevice } from '../../contract/fleet.js';

export interface FleetChanges {
  /** Devices that are new or changed since `announced`, in fleet order. */
  upserted: FleetDevice[];
  /** Ids in `announced` that are no longer in the fleet. */
  removed: string[];
}

/** What differs between the views last announced (by device id) and the fleet now. Ids in `fleet` are unique. */
export function fleetChanges(announced: ReadonlyMap<string, FleetDevice>, fleet: readonly FleetDevice[]): FleetChanges {
  const upserted: FleetDevice[] = [];
  let kept = 0;
  for (const device of fleet) {
    const before = announced.get(device.record.id);
    if (before !== undefined) kept++;
    if (before !== device) upserted.push(device);
  }
  const removed: string[] = [];
  // Usually nothing was removed, and counting says so without building a set.
  if (kept < announced.size) {
    const present = new Set(fleet.map((d) => d.record.id));
    for (const id of announced.keys()) if (!present.has(id)) removed.push(id);
  }
  return { upserted, removed };
}

/**
 * Numbers the deltas and remembers what they announced, so a full fleet handed
 * out with `seq` (fleet.sync) and the deltas after it always agree.
 */
export class FleetDeltaFeed {
  private lastSeq = 0;
  private readonly announced = new Map<string, FleetDevice>();

  /** The seq of the last delta handed out; 0 before the first. */
  get seq(): number {
    return this.lastSeq;
  }

  /** The next delta, taking the fleet to `fleet`; undefined when nothing changed (no seq is used). */
  advance(fleet: readonly FleetDevice[]): FleetDelta | undefined {
    const { upserted, removed } = fleetChanges(this.announced, fleet);
    if (upserted.length === 0 && removed.length === 0) return undefined;
    for (const id of removed) this.announced.delete(id);
    for (const device of upserted) this.announced.set(device.record.id, device);
    this.lastSeq++;
    return { seq: this.lastSeq, upserted, removed };
  }
}
