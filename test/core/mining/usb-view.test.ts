import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeProblem, poolConnection, stickId, stickView, unsupportedProblem } from '../../../electron/core/mining/usb-view.js';
import type { UsbMinerStats } from '../../../electron/core/mining/usb-host.js';
import type { ClientStatus } from '../../../electron/core/stratum/client.js';
import { ADVICE, UDEV_INSTALL_COMMAND, usbError } from '../../../electron/core/usb/access.js';
import { describeStick } from '../../../electron/core/usb/discovery.js';
import { TransportError } from '../../../electron/core/usb/transport.js';

const nano = describeStick('hid', 0x29f1, 0x33f3, 'hid:/dev/hidraw3', { path: '/dev/hidraw3' });
const auc = describeStick('usb', 0x29f1, 0x33f2, 'usb:1-7', { serialNumber: 'AUC0042' });

it('names a stick by its serial number where it has one, else by where it is plugged in', () => {
  assert.equal(stickId(nano), 'hid:/dev/hidraw3');
  assert.equal(stickId(auc), '29f1:33f2:AUC0042');
});

it('splits what failed from the fix, with the udev command for Linux permissions', () => {
  const what = { backend: 'hid' as const, what: 'Avalon nano (29f1:33f3) at /dev/hidraw3' };
  const linux = describeProblem(usbError(new Error('cannot open device with path /dev/hidraw3'), { platform: 'linux', ...what }), 'linux');
  assert.deepEqual(linux, {
    code: 'access-denied',
    message: 'Avalon nano (29f1:33f3) at /dev/hidraw3: cannot open device with path /dev/hidraw3',
    fix: ADVICE.linuxAccess,
    command: UDEV_INSTALL_COMMAND,
  });
  const windows = describeProblem(usbError(new Error('LIBUSB_ERROR_NOT_SUPPORTED'), { platform: 'win32', backend: 'usb', what: 'AUC' }), 'win32');
  assert.deepEqual(windows, { code: 'driver-missing', message: 'AUC: LIBUSB_ERROR_NOT_SUPPORTED', fix: ADVICE.windowsWinUsb });
  const busy = describeProblem(usbError(new Error('LIBUSB_ERROR_BUSY'), { platform: 'darwin', backend: 'usb', what: 'x' }), 'darwin');
  assert.deepEqual(busy, { code: 'busy', message: 'x: LIBUSB_ERROR_BUSY', fix: ADVICE.busy });
  assert.deepEqual(describeProblem(new TransportError('closed', 'link is closed'), 'linux'), { code: 'io', message: 'link is closed' });
  assert.deepEqual(describeProblem(new Error('boom'), 'linux'), { code: 'io', message: 'boom' });
});

const status = (over: Partial<ClientStatus> = {}): ClientStatus => ({
  pools: [
    { index: 0, url: 'stratum+tcp://a.example:3333', user: 'w.a', state: 'failed', lastError: { kind: 'refused', message: 'connection refused' }, accepted: 0, rejected: 0, since: 2000 },
    { index: 1, url: 'b.example:3333', user: 'w.b', state: 'connecting', accepted: 0, rejected: 0, since: 1000 },
  ],
  activePool: null,
  difficulty: null,
  versionMask: null,
  job: null,
  ...over,
});

it("shows the active pool with its difficulty, else the pool tried last", () => {
  assert.deepEqual(poolConnection(status()), { state: 'failed', url: 'stratum+tcp://a.example:3333', worker: 'w.a', difficulty: null, lastError: 'connection refused', sinceMs: 2000 });
  const active = status({ activePool: 1, difficulty: 512 });
  active.pools[1]!.state = 'authorized';
  assert.deepEqual(poolConnection(active), { state: 'authorized', url: 'b.example:3333', worker: 'w.b', difficulty: 512, sinceMs: 1000 });
  assert.equal(poolConnection(status({ pools: [] })), null);
});

const stats = (over: Partial<UsbMinerStats> = {}): UsbMinerStats =>
  ({
    key: 'k',
    state: 'mining',
    info: { dna: '0011223344556677', version: '4M1505-5e6f7a8', asicCount: 5, model: 'avalon4-mini' },
    accepted: 4,
    rejected: 1,
    stale: 2,
    hardwareErrors: 3,
    hardwareErrorsPerChip: [0, 2, 0, 1],
    verifiedNonces: 40,
    bestShare: 12.5,
    hashrate: 0,
    unverified: 0,
    miningSince: 1000,
    frequencyMhz: [200, 200, 200],
    driver: {} as UsbMinerStats['driver'],
    ...over,
  }) as UsbMinerStats;

it('maps a mining stick with its figures, per-chip errors padded to the ASIC count', () => {
  const pool = poolConnection(status({ activePool: 1, difficulty: 8 }));
  const view = stickView({ id: 'hid:/dev/hidraw3', stick: nano, present: true, stats: stats(), hashrate: { perSecond: 4.2e9, windowMs: 300_400 }, lastShareMs: 5000, pool });
  assert.deepEqual(view, {
    id: 'hid:/dev/hidraw3',
    model: 'avalon-nano',
    name: 'Avalon nano',
    usbId: '29f1:33f3',
    connection: 'hid',
    minable: true,
    dna: '0011223344556677',
    firmware: '4M1505-5e6f7a8',
    asicCount: 5,
    state: 'mining',
    hashrateHs: 4.2e9,
    hashrateWindowS: 300,
    verifiedNonces: 40,
    accepted: 4,
    rejected: 1,
    stale: 2,
    hardwareErrors: 3,
    hardwareErrorsPerChip: [0, 2, 0, 1, 0],
    bestShare: 12.5,
    frequencyMhz: [200, 200, 200],
    pool,
    lastShareMs: 5000,
    miningSinceMs: 1000,
  });
});

it('derives the state: unplugged, refused, failing, detecting, or idle', () => {
  const base = { id: 'x', stick: nano, hashrate: { perSecond: 0, windowMs: 0 }, pool: null };
  const denied = describeProblem(new TransportError('access-denied', 'no'), 'linux');
  assert.equal(stickView({ ...base, present: false, stats: stats() }).state, 'unplugged');
  assert.equal(stickView({ ...base, present: true, problem: denied }).state, 'access-denied');
  assert.equal(stickView({ ...base, present: true, problem: describeProblem(new TransportError('driver-missing', 'no'), 'win32') }).state, 'access-denied');
  assert.equal(stickView({ ...base, present: true, problem: describeProblem(new TransportError('busy', 'no'), 'linux') }).state, 'error');
  assert.equal(stickView({ ...base, present: true, stats: stats({ state: 'configuring' }) }).state, 'detecting');
  assert.equal(stickView({ ...base, present: true, stats: stats({ state: 'stopped' }) }).miningSinceMs, undefined);
  const unsupported = stickView({ ...base, stick: auc, present: true, problem: unsupportedProblem(auc) });
  assert.deepEqual([unsupported.state, unsupported.minable, unsupported.model, unsupported.serialNumber, unsupported.problem?.code], ['idle', false, 'auc', 'AUC0042', 'unsupported']);
  const fresh = stickView({ ...base, present: true });
  assert.deepEqual([fresh.state, fresh.accepted, fresh.hashrateHs, fresh.bestShare, fresh.dna], ['idle', 0, 0, 0, undefined]);
});
