// Simulated sticks on a pretend USB bus: the same scan / watch / open surface
// as UsbDiscovery, so the demo and tests drive exactly the code path real
// sticks take. Pulling a stick out (unplug) closes its link as a real unplug
// does and reports a detach; putting it back (replug) reports an attach, and
// the next open() powers the stick up from scratch.
import type { UsbScan, UsbStick, UsbWatchEvent } from './discovery.js';
import { describeStick } from './discovery.js';
import { CANAAN_VENDOR_ID, CANAAN_USB_IDS } from './ids.js';
import type { SimStick } from './sim-stick.js';
import { TransportError, type PacketTransport } from './transport.js';

interface Slot {
  stick: UsbStick;
  sim: SimStick;
  connected: boolean;
  /** The host end of the current link. */
  link?: PacketTransport;
}

export class SimUsbBus {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<(event: UsbWatchEvent) => void>();

  /** Puts a simulated stick on the bus as "sim:<name>"; returns its key. */
  add(name: string, sim: SimStick): string {
    const key = `sim:${name}`;
    if (this.slots.has(key)) throw new RangeError(`a simulated stick ${key} is already on the bus`);
    const id = CANAAN_USB_IDS.find((u) => u.kind === sim.modelName);
    if (!id) throw new RangeError(`no USB id for ${sim.modelName}`);
    const stick = describeStick('simulated', CANAAN_VENDOR_ID, id.productId, key, { path: key });
    this.slots.set(key, { stick, sim, connected: true });
    this.announce({ type: 'attach', stick });
    return key;
  }

  sim(key: string): SimStick | undefined {
    return this.slots.get(key)?.sim;
  }

  keys(): string[] {
    return [...this.slots.keys()];
  }

  /** Pulls the stick out: an open link fails as 'unplugged' and watchers see a detach. */
  unplug(key: string): void {
    const slot = this.slot(key);
    if (!slot.connected) return;
    slot.connected = false;
    slot.sim.unplug();
    this.announce({ type: 'detach', stick: slot.stick });
  }

  /** Plugs it back in: watchers see an attach; open() powers it up again. */
  replug(key: string): void {
    const slot = this.slot(key);
    if (slot.connected) return;
    slot.connected = true;
    this.announce({ type: 'attach', stick: slot.stick });
  }

  async scan(): Promise<UsbScan> {
    const sticks = [...this.slots.values()].filter((s) => s.connected).map((s) => ({ ...s.stick }));
    return {
      available: true,
      status: `USB (simulated): ${sticks.length} Canaan device${sticks.length === 1 ? '' : 's'}`,
      backends: [{ backend: 'simulated', available: true }],
      sticks,
    };
  }

  async open(stick: UsbStick): Promise<PacketTransport> {
    const slot = this.slots.get(stick.key);
    if (!slot?.connected) throw new TransportError('unplugged', `${stick.name} at ${stick.key}: not found; scan again`);
    const link = slot.sim.plug();
    slot.link = link;
    // The host let go of it (mining stopped): power the stick down, so its chips stop hashing.
    link.onClose(() => {
      if (slot.link === link) slot.sim.unplug();
    });
    return link;
  }

  /** Reports what is on the bus now (as attaches and a scan), then every change. */
  async watch(listener: (event: UsbWatchEvent) => void): Promise<() => void> {
    for (const slot of this.slots.values()) if (slot.connected) listener({ type: 'attach', stick: { ...slot.stick } });
    listener({ type: 'scan', scan: await this.scan() });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Unplugs every stick for good (their timers stop). */
  close(): void {
    for (const slot of this.slots.values()) slot.sim.unplug();
    this.listeners.clear();
  }

  private slot(key: string): Slot {
    const slot = this.slots.get(key);
    if (!slot) throw new RangeError(`no simulated stick ${key}`);
    return slot;
  }

  private announce(event: UsbWatchEvent): void {
    if (this.listeners.size === 0) return;
    void this.scan().then((scan) => {
      for (const listener of [...this.listeners]) {
        listener(event);
        listener({ type: 'scan', scan });
      }
    });
  }
}
