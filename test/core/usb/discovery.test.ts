// USB discovery and the native transports, with the native modules replaced
// by stand-ins (this machine has no USB bus), plus one real call to show the
// real modules degrade instead of throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADVICE, UDEV_INSTALL_COMMAND, usbError } from '../../../electron/core/usb/access.js';
import { UsbDiscovery, type UsbWatchEvent } from '../../../electron/core/usb/discovery.js';
import type { HidDeviceInfo, HidHandle, NativeImporter, UsbConnectionEvent, UsbDeviceHandle } from '../../../electron/core/usb/native.js';
import { encodePolling } from '../../../electron/core/usb/messages.js';
import { TransportError } from '../../../electron/core/usb/transport.js';
import { waitFor } from './helpers.js';

const NANO: HidDeviceInfo = { vendorId: 0x29f1, productId: 0x33f3, path: '/dev/hidraw3', serialNumber: '20150518', product: 'Avalon nano', interface: 0 };
const MOUSE: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc077, path: '/dev/hidraw0', interface: 0 };
const ODD: HidDeviceInfo = { vendorId: 0x29f1, productId: 0x1234, path: '/dev/hidraw5', interface: 0 };

class FakeHidHandle implements HidHandle {
  written: Buffer[] = [];
  reads: (Buffer | undefined | Error)[] = [];
  closed = false;
  async write(values: number[] | Buffer): Promise<number> {
    this.written.push(Buffer.from(values));
    return values.length;
  }
  async read(): Promise<Buffer | undefined> {
    const next = this.reads.shift();
    if (next instanceof Error) throw next;
    return next;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

class FakeUsbDevice implements UsbDeviceHandle {
  claimed: number[] = [];
  detached: number[] = [];
  out: Uint8Array[] = [];
  inbound: Uint8Array[] = [];
  opened = false;
  claimError: Error | undefined;
  constructor(
    readonly vendorId: number,
    readonly productId: number,
    readonly bus = '1-1',
    readonly address = 4,
  ) {}
  async open() {
    this.opened = true;
  }
  async close() {
    this.opened = false;
  }
  async claimInterface(n: number) {
    if (this.claimError) throw this.claimError;
    this.claimed.push(n);
  }
  async releaseInterface() {}
  async detachKernelDriver(n: number) {
    this.detached.push(n);
  }
  async transferIn(_ep: number, length: number) {
    const next = this.inbound.shift();
    return { data: next ? new DataView(next.buffer, next.byteOffset, Math.min(length, next.length)) : undefined, status: 'ok' };
  }
  async transferOut(_ep: number, data: Uint8Array) {
    this.out.push(Uint8Array.from(data));
    return { bytesWritten: data.length, status: 'ok' };
  }
}

class FakeUsbBus {
  devices: FakeUsbDevice[] = [];
  listeners = new Map<string, Set<(e: UsbConnectionEvent) => void>>();
  async getDevices() {
    return [...this.devices];
  }
  addEventListener(type: string, l: (e: UsbConnectionEvent) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(l);
  }
  removeEventListener(type: string, l: (e: UsbConnectionEvent) => void) {
    this.listeners.get(type)?.delete(l);
  }
  emit(type: 'connect' | 'disconnect', device: FakeUsbDevice) {
    for (const l of this.listeners.get(type) ?? []) l({ device });
  }
}

function fakes(o: { hid?: HidDeviceInfo[]; listError?: Error; openError?: Error } = {}) {
  const handle = new FakeHidHandle();
  const bus = new FakeUsbBus();
  const hidList = o.hid ?? [];
  const importer: NativeImporter = async (name) =>
    name === 'node-hid'
      ? {
          devicesAsync: async () => {
            if (o.listError) throw o.listError;
            return hidList;
          },
          HIDAsync: {
            open: async () => {
              if (o.openError) throw o.openError;
              return handle;
            },
          },
        }
      : { usb: bus };
  return { handle, bus, importer, hidList };
}

test('when the native modules cannot load, the scan says "USB unavailable: <reason>" and lists nothing', async () => {
  const importer: NativeImporter = async (name) => {
    throw new Error(`Cannot find module '${name}'\nRequire stack: ...`);
  };
  const discovery = new UsbDiscovery({ importer, hasUsbBus: () => true });
  const scan = await discovery.scan();
  assert.equal(scan.available, false);
  assert.deepEqual(scan.sticks, []);
  assert.equal(scan.status, "USB unavailable: cannot load node-hid: Cannot find module 'node-hid'; cannot load usb: Cannot find module 'usb'");
  const events: UsbWatchEvent[] = [];
  const stop = await discovery.watch((e) => events.push(e), { intervalMs: 10 });
  stop();
  assert.deepEqual(events.map((e) => e.type), ['scan']);
});

test('modules that load but are not what they claim are reported, not called', async () => {
  const discovery = new UsbDiscovery({ importer: async () => ({ default: {} }), hasUsbBus: () => true });
  const scan = await discovery.scan();
  assert.equal(scan.available, false);
  assert.match(scan.status, /^USB unavailable: node-hid loaded but does not look like node-hid 3.*; usb loaded but/);
});

test('a machine without a USB bus is reported as such', async () => {
  let imported = 0;
  const discovery = new UsbDiscovery({ importer: async () => imported++, hasUsbBus: () => false, platform: 'linux' });
  const scan = await discovery.scan();
  assert.equal(scan.status, 'USB unavailable: no USB bus on this machine (/sys/bus/usb/devices is missing)');
  assert.equal(imported, 0);
});

test('on this machine the real modules are tried and the scan neither throws nor invents devices', async () => {
  for (const hasUsbBus of [undefined, () => true]) {
    const scan = await new UsbDiscovery(hasUsbBus ? { hasUsbBus } : {}).scan();
    assert.deepEqual(scan.sticks, []);
    if (!scan.available) assert.match(scan.status, /^USB unavailable: .+/);
    else assert.equal(scan.status, 'USB: 0 Canaan devices');
    // Whatever the bus, the real node-hid and usb modules themselves must load (they are dependencies).
    if (hasUsbBus) for (const b of scan.backends) assert.doesNotMatch(b.reason ?? '', /cannot load|does not look like/);
  }
});

test('Canaan devices are matched by vendor id; a HID stick seen on both buses is listed once', async () => {
  const f = fakes({ hid: [NANO, MOUSE, ODD] });
  f.bus.devices = [new FakeUsbDevice(0x29f1, 0x33f3), new FakeUsbDevice(0x29f1, 0x33f2, '1-2', 7), new FakeUsbDevice(0x8087, 0x0024)];
  const scan = await new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true }).scan();
  assert.equal(scan.available, true);
  assert.equal(scan.status, 'USB: 3 Canaan devices');
  assert.deepEqual(
    scan.sticks.map((s) => [s.key, s.usbId, s.kind, s.name, s.minable]),
    [
      ['hid:/dev/hidraw3', '29f1:33f3', 'avalon-nano', 'Avalon nano', true],
      ['hid:/dev/hidraw5', '29f1:1234', 'unknown-canaan', 'Canaan device 29f1:1234', false],
      ['usb:1-2-7', '29f1:33f2', 'auc', 'USB2IIC Converter', false],
    ],
  );
  assert.equal(scan.sticks[0]?.serialNumber, '20150518');
});

test('a backend whose listing fails is marked unavailable with its reason; the other still lists', async () => {
  const f = fakes({ listError: new Error('hid_enumerate failed') });
  f.bus.devices = [new FakeUsbDevice(0x29f1, 0x40f1)];
  const scan = await new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true }).scan();
  assert.equal(scan.available, true);
  assert.deepEqual(scan.backends[0], { backend: 'hid', available: false, reason: 'listing HID devices failed: hid_enumerate failed' });
  assert.deepEqual(scan.sticks.map((s) => s.kind), ['avalon4-mini']);
});

test('Linux permission errors tell the user to install the udev rule', async () => {
  const f = fakes({ hid: [NANO], openError: new Error('cannot open device with path /dev/hidraw3') });
  const discovery = new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true, platform: 'linux' });
  const [stick] = (await discovery.scan()).sticks;
  assert.ok(stick);
  await assert.rejects(discovery.open(stick), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, 'access-denied');
    assert.ok(e.message.includes(UDEV_INSTALL_COMMAND));
    assert.ok(e.message.includes('re-plug'));
    return true;
  });
  const libusb = usbError(new Error('LIBUSB_ERROR_ACCESS'), { platform: 'linux', backend: 'usb', what: 'x' });
  assert.equal(libusb.code, 'access-denied');
  assert.equal(libusb.message, `x: LIBUSB_ERROR_ACCESS. ${ADVICE.linuxAccess}`);
});

test('on Windows a missing WinUSB driver gets the Zadig explanation; busy devices say who to close', async () => {
  const f = fakes();
  const device = new FakeUsbDevice(0x29f1, 0x40f1);
  device.claimError = new Error('LIBUSB_ERROR_NOT_SUPPORTED');
  f.bus.devices = [device];
  const discovery = new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true, platform: 'win32' });
  const [stick] = (await discovery.scan()).sticks;
  assert.ok(stick);
  await assert.rejects(discovery.open(stick), (e: unknown) => e instanceof TransportError && e.code === 'driver-missing' && e.message.includes('Zadig'));
  assert.equal(device.opened, false);
  const busy = usbError(new Error('LIBUSB_ERROR_BUSY'), { platform: 'darwin', backend: 'usb', what: 'x' });
  assert.equal(busy.code, 'busy');
  assert.ok(busy.message.includes('cgminer'));
  assert.equal(usbError(new Error('weird'), { platform: 'linux', backend: 'usb', what: 'x' }).code, 'io');
});

test('devices Hearth does not drive are not opened', async () => {
  const f = fakes({ hid: [ODD] });
  const discovery = new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true });
  const [stick] = (await discovery.scan()).sticks;
  assert.ok(stick);
  await assert.rejects(discovery.open(stick), /does not drive this device/);
});

test('hot-plug: usb connect/disconnect events lead to attach and detach', async () => {
  const f = fakes();
  const discovery = new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true });
  const events: UsbWatchEvent[] = [];
  const stop = await discovery.watch((e) => events.push(e), { settleMs: 5 });
  try {
    const mini = new FakeUsbDevice(0x29f1, 0x40f1);
    f.bus.devices.push(mini);
    f.bus.emit('connect', mini);
    await waitFor('attach', () => events.some((e) => e.type === 'attach'));
    f.bus.devices = [];
    f.bus.emit('disconnect', mini);
    await waitFor('detach', () => events.some((e) => e.type === 'detach'));
    const changes = events.flatMap((e) => (e.type === 'scan' ? [] : [`${e.type} ${e.stick.usbId}`]));
    assert.deepEqual(changes, ['attach 29f1:40f1', 'detach 29f1:40f1']);
    // Other vendors' events cause no rescan.
    const scans = events.filter((e) => e.type === 'scan').length;
    f.bus.emit('connect', new FakeUsbDevice(0x046d, 0xc077));
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(events.filter((e) => e.type === 'scan').length, scans);
  } finally {
    stop();
  }
  assert.equal(f.bus.listeners.get('connect')?.size, 0);
});

test('HID transport: report id 0 goes first, 40-byte reports come back, failures close it as unplugged', async () => {
  const f = fakes({ hid: [NANO] });
  const discovery = new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true, platform: 'linux' });
  const [stick] = (await discovery.scan()).sticks;
  assert.ok(stick);
  const t = await discovery.open(stick);
  const packet = encodePolling();
  await t.write(packet, 100);
  assert.deepEqual(f.handle.written[0], Buffer.concat([Buffer.of(0), packet]));
  await assert.rejects(t.write(new Uint8Array(41), 100), (e: unknown) => e instanceof TransportError && e.code === 'size');
  f.handle.reads.push(Buffer.from(packet), undefined, Buffer.alloc(64), new Error('could not read from HID device'));
  assert.deepEqual(Buffer.from(await t.read(100)), packet);
  await assert.rejects(t.read(100), (e: unknown) => e instanceof TransportError && e.code === 'timeout');
  await assert.rejects(t.read(100), (e: unknown) => e instanceof TransportError && e.code === 'size');
  let reason = '';
  t.onClose((r) => (reason = r));
  await assert.rejects(t.read(100), (e: unknown) => e instanceof TransportError && e.code === 'unplugged');
  assert.equal(reason, 'unplugged');
  assert.equal(t.closed, true);
  assert.equal(f.handle.closed, true);
  await assert.rejects(t.write(packet, 100), (e: unknown) => e instanceof TransportError && e.code === 'unplugged');
});

test('libusb transport: claims the packet interface, uses EP 1, and closes on a disconnect event', async () => {
  const f = fakes();
  const mini = new FakeUsbDevice(0x29f1, 0x40f1);
  f.bus.devices = [mini];
  const discovery = new UsbDiscovery({ importer: f.importer, hasUsbBus: () => true, platform: 'linux' });
  const [stick] = (await discovery.scan()).sticks;
  assert.ok(stick);
  const t = await discovery.open(stick);
  // usbutils.c avam_ints: USB_EPS(1, avam_epinfos) - interface 1 on the Avalon4 mini; the kernel's HID driver is detached first.
  assert.deepEqual(mini.claimed, [1]);
  assert.deepEqual(mini.detached, [1]);
  await t.write(encodePolling(), 100);
  assert.deepEqual(Buffer.from(mini.out[0] ?? []), encodePolling());
  mini.inbound.push(encodePolling());
  assert.deepEqual(Buffer.from(await t.read(100)), encodePolling());
  await assert.rejects(t.read(100), (e: unknown) => e instanceof TransportError && e.code === 'timeout');
  f.bus.emit('disconnect', mini);
  assert.equal(t.closed, true);
  await assert.rejects(t.read(100), (e: unknown) => e instanceof TransportError && e.code === 'unplugged');
});
