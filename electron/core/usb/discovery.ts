// Finds Canaan USB devices and watches them come and go. HID sticks are listed
// through node-hid, everything else through `usb`; hot-plug comes from usb's
// connect/disconnect events (node-hid has none), falling back to polling.
// Nothing here throws for a missing module or bus: the scan says
// "USB unavailable: <reason>" and lists nothing.
import { existsSync } from 'node:fs';
import { openHidTransport } from './hid-transport.js';
import { formatUsbId, identifyCanaanUsb, isCanaanVendor, type CanaanUsbId, type CanaanUsbKind } from './ids.js';
import { loadHid, loadUsb, nativeErrorReason, importNative, type HidModule, type NativeImporter, type UsbBus, type UsbDeviceHandle } from './native.js';
import { TransportError, type PacketTransport } from './transport.js';
import { openUsbTransport } from './usb-transport.js';

/** 'simulated': a SimStick on the in-memory bus (sim-bus.ts), for the demo and tests. */
export type UsbBackend = 'hid' | 'usb' | 'simulated';

export interface UsbStick {
  /** Stable while plugged in: "hid:<path>" or "usb:<bus>-<address>". */
  key: string;
  backend: UsbBackend;
  vendorId: number;
  productId: number;
  /** "29f1:33f3". */
  usbId: string;
  kind: CanaanUsbKind | 'unknown-canaan';
  name: string;
  /** Speaks the packet protocol driver.ts drives (the nano and the Avalon4 mini). */
  minable: boolean;
  serialNumber?: string;
  path?: string;
}

export interface UsbBackendState {
  backend: UsbBackend;
  available: boolean;
  reason?: string;
}

export interface UsbScan {
  available: boolean;
  /** One line for the UI: "USB: 2 Canaan devices" or "USB unavailable: <reason>". */
  status: string;
  backends: UsbBackendState[];
  sticks: UsbStick[];
}

export type UsbWatchEvent = { type: 'attach'; stick: UsbStick } | { type: 'detach'; stick: UsbStick } | { type: 'scan'; scan: UsbScan };

export interface UsbDiscoveryOptions {
  importer?: NativeImporter;
  platform?: NodeJS.Platform;
  /** Whether the machine has a USB bus at all; default: on Linux, /sys/bus/usb/devices exists. */
  hasUsbBus?: () => boolean;
}

interface Backends {
  hid?: HidModule;
  usb?: UsbBus;
  states: UsbBackendState[];
}

const LINUX_BUS = '/sys/bus/usb/devices';

/** A UsbStick for a Canaan vendor/product id found at `key`. */
export function describeStick(backend: UsbBackend, vendorId: number, productId: number, key: string, extra: { serialNumber?: string | null | undefined; path?: string | undefined }): UsbStick {
  const known = identifyCanaanUsb(vendorId, productId);
  const usbId = formatUsbId(vendorId, productId);
  const stick: UsbStick = {
    key,
    backend,
    vendorId,
    productId,
    usbId,
    kind: known?.kind ?? 'unknown-canaan',
    name: known?.product ?? `Canaan device ${usbId}`,
    minable: known?.protocol === 'avam',
  };
  if (extra.serialNumber) stick.serialNumber = extra.serialNumber;
  if (extra.path) stick.path = extra.path;
  return stick;
}

/** What the mining side needs from a bus: UsbDiscovery on a real machine, SimUsbBus in the demo and tests. */
export type UsbStickSource = Pick<UsbDiscovery, 'scan' | 'watch' | 'open'>;

export class UsbDiscovery {
  private readonly importer: NativeImporter;
  private readonly platform: NodeJS.Platform;
  private readonly hasUsbBus: () => boolean;
  private backends: Promise<Backends> | undefined;
  private readonly usbHandles = new Map<string, UsbDeviceHandle>();

  constructor(options: UsbDiscoveryOptions = {}) {
    this.importer = options.importer ?? importNative;
    this.platform = options.platform ?? process.platform;
    this.hasUsbBus = options.hasUsbBus ?? (() => this.platform !== 'linux' || existsSync(LINUX_BUS));
  }

  private load(): Promise<Backends> {
    this.backends ??= (async () => {
      if (!this.hasUsbBus()) {
        const reason = `no USB bus on this machine (${LINUX_BUS} is missing)`;
        return { states: [{ backend: 'hid', available: false, reason }, { backend: 'usb', available: false, reason }] };
      }
      const [hid, usb] = await Promise.all([loadHid(this.importer), loadUsb(this.importer)]);
      const b: Backends = {
        states: [
          hid.module ? { backend: 'hid', available: true } : { backend: 'hid', available: false, reason: hid.reason },
          usb.module ? { backend: 'usb', available: true } : { backend: 'usb', available: false, reason: usb.reason },
        ],
      };
      if (hid.module) b.hid = hid.module;
      if (usb.module) b.usb = usb.module;
      return b;
    })();
    return this.backends;
  }

  /** Lists Canaan devices; never throws. */
  async scan(): Promise<UsbScan> {
    const b = await this.load();
    const states = b.states.map((s) => ({ ...s }));
    const sticks: UsbStick[] = [];
    const setState = (backend: UsbBackend, reason: string) => {
      const s = states.find((x) => x.backend === backend);
      if (s) Object.assign(s, { available: false, reason });
    };
    const hidIds = new Set<string>();
    if (b.hid) {
      try {
        for (const d of await b.hid.devicesAsync()) {
          if (!isCanaanVendor(d.vendorId) || !d.path) continue;
          const stick = describeStick('hid', d.vendorId, d.productId, `hid:${d.path}`, { serialNumber: d.serialNumber, path: d.path });
          sticks.push(stick);
          hidIds.add(stick.usbId);
        }
      } catch (error) {
        setState('hid', `listing HID devices failed: ${nativeErrorReason(error)}`);
      }
    }
    if (b.usb) {
      try {
        this.usbHandles.clear();
        for (const d of await b.usb.getDevices()) {
          if (!isCanaanVendor(d.vendorId)) continue;
          // A HID stick shows up on both buses; it is opened through HID.
          if (hidIds.has(formatUsbId(d.vendorId, d.productId))) continue;
          const key = `usb:${d.bus ?? '?'}-${d.address ?? '?'}`;
          this.usbHandles.set(key, d);
          sticks.push(describeStick('usb', d.vendorId, d.productId, key, { serialNumber: d.serialNumber }));
        }
      } catch (error) {
        setState('usb', `listing USB devices failed: ${nativeErrorReason(error)}`);
      }
    }
    const available = states.some((s) => s.available);
    const status = available
      ? `USB: ${sticks.length} Canaan device${sticks.length === 1 ? '' : 's'}`
      : `USB unavailable: ${[...new Set(states.map((s) => s.reason))].join('; ')}`;
    return { available, status, backends: states, sticks };
  }

  /** Opens a minable stick; rejects with a TransportError whose message carries the fix (udev rule, WinUSB). */
  async open(stick: UsbStick): Promise<PacketTransport> {
    const b = await this.load();
    const what = `${stick.name} (${stick.usbId}) at ${stick.path ?? stick.key}`;
    if (!stick.minable) throw new TransportError('io', `${what}: Hearth does not drive this device`);
    if (stick.backend === 'hid') {
      if (!b.hid || !stick.path) throw new TransportError('io', `${what}: node-hid is not available`);
      return openHidTransport(b.hid, stick.path, { platform: this.platform, what });
    }
    const handle = this.usbHandles.get(stick.key);
    const id: CanaanUsbId | undefined = identifyCanaanUsb(stick.vendorId, stick.productId);
    if (!b.usb || !handle || !id) throw new TransportError('unplugged', `${what}: not found; scan again`);
    return openUsbTransport(b.usb, handle, id, { platform: this.platform, what });
  }

  /**
   * Reports sticks as they attach and detach. With the usb module, its
   * connect/disconnect events trigger a rescan (after `settleMs`, giving the OS
   * time to create the HID node); without it, scans every `intervalMs`.
   */
  async watch(listener: (event: UsbWatchEvent) => void, options: { intervalMs?: number; settleMs?: number } = {}): Promise<() => void> {
    const intervalMs = options.intervalMs ?? 2000;
    const settleMs = options.settleMs ?? 500;
    const b = await this.load();
    let known = new Map<string, UsbStick>();
    let stopped = false;
    let scanning: Promise<void> | undefined;
    let again = false;
    const rescan = async (): Promise<void> => {
      if (scanning) {
        again = true;
        return scanning;
      }
      scanning = (async () => {
        do {
          again = false;
          const scan = await this.scan();
          if (stopped) return;
          const next = new Map(scan.sticks.map((s) => [s.key, s]));
          for (const [key, stick] of known) if (!next.has(key)) listener({ type: 'detach', stick });
          for (const [key, stick] of next) if (!known.has(key)) listener({ type: 'attach', stick });
          known = next;
          listener({ type: 'scan', scan });
        } while (again && !stopped);
      })().finally(() => {
        scanning = undefined;
      });
      return scanning;
    };
    await rescan();
    const timers = new Set<NodeJS.Timeout>();
    const later = () => {
      const t = setTimeout(() => {
        timers.delete(t);
        void rescan();
      }, settleMs);
      timers.add(t);
    };
    const onEvent = (event: { device: UsbDeviceHandle }) => {
      if (isCanaanVendor(event.device.vendorId)) later();
    };
    let poll: NodeJS.Timeout | undefined;
    if (b.usb) {
      b.usb.addEventListener('connect', onEvent);
      b.usb.addEventListener('disconnect', onEvent);
    } else if (b.hid) {
      poll = setInterval(() => void rescan(), intervalMs);
    }
    return () => {
      stopped = true;
      if (poll) clearInterval(poll);
      for (const t of timers) clearTimeout(t);
      if (b.usb) {
        b.usb.removeEventListener('connect', onEvent);
        b.usb.removeEventListener('disconnect', onEvent);
      }
    };
  }
}
