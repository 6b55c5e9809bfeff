// What happened to each device while the app watched it (added, status
// changes, the first error of a failing streak), derived from the monitor's
// fleet views. Support bundles include a device's recent events; the service
// also writes them to the app's log.
import type { DeviceEvent } from '../../contract/diagnostics.js';
import type { FleetDevice } from '../../contract/fleet.js';

interface Seen {
  status: FleetDevice['status'];
  failures: number;
  errorKind?: string;
}

/** Events kept per device: a few days of a flapping device, a few kB each. */
export const EVENTS_PER_DEVICE = 200;

export class DeviceEventLog {
  private readonly seen = new Map<string, Seen>();
  private readonly byDevice = new Map<string, DeviceEvent[]>();

  constructor(private readonly perDevice = EVENTS_PER_DEVICE) {}

  /** Compares the fleet with the previous call; records and returns what changed. */
  observe(fleet: readonly FleetDevice[], t: number): DeviceEvent[] {
    const out: DeviceEvent[] = [];
    const present = new Set<string>();
    for (const d of fleet) {
      const id = d.record.id;
      present.add(id);
      const before = this.seen.get(id);
      if (before === undefined) out.push({ t, deviceId: id, kind: 'added', message: `${id} is watched (${d.record.source})`, status: d.status });
      else if (before.status !== d.status) out.push({ t, deviceId: id, kind: 'status', message: `${id}: ${before.status} -> ${d.status}`, status: d.status });
      const error = d.consecutiveFailures > 0 ? d.lastError : undefined;
      // One event per failing streak (and per change of its kind), not one per failed poll.
      if (error !== undefined && (before === undefined || before.failures === 0 || before.errorKind !== error.kind)) {
        out.push({ t, deviceId: id, kind: 'error', message: `${id}: ${error.kind}: ${error.message}`, error });
      }
      this.seen.set(id, { status: d.status, failures: d.consecutiveFailures, ...(error === undefined ? {} : { errorKind: error.kind }) });
    }
    for (const id of [...this.seen.keys()]) {
      if (present.has(id)) continue;
      this.seen.delete(id);
      out.push({ t, deviceId: id, kind: 'removed', message: `${id} is no longer watched` });
    }
    for (const e of out) this.record(e);
    return out;
  }

  /** A device's events, oldest first. */
  for(id: string): DeviceEvent[] {
    return [...(this.byDevice.get(id) ?? [])];
  }

  private record(e: DeviceEvent): void {
    const list = this.byDevice.get(e.deviceId) ?? [];
    list.push(e);
    if (list.length > this.perDevice) list.splice(0, list.length - this.perDevice);
    this.byDevice.set(e.deviceId, list);
  }
}
