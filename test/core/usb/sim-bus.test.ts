import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { UsbWatchEvent } from '../../../electron/core/usb/discovery.js';
import { SimUsbBus } from '../../../electron/core/usb/sim-bus.js';
import { SimStick } from '../../../electron/core/usb/sim-stick.js';
import { TransportError } from '../../../electron/core/usb/transport.js';
import { waitFor } from './helpers.js';

it('lists simulated sticks like discovery does and reports unplug and re-plug', async () => {
  const bus = new SimUsbBus();
  const mini = new SimStick({ serial: 1 });
  bus.add('one', mini);
  bus.add('two', new SimStick({ model: 'avalon-nano', serial: 2 }));
  assert.throws(() => bus.add('one', new SimStick()), RangeError);
  const events: UsbWatchEvent[] = [];
  const unwatch = await bus.watch((e) => events.push(e));
  try {
    const scan = await bus.scan();
    assert.equal(scan.status, 'USB (simulated): 2 Canaan devices');
    assert.deepEqual(
      scan.sticks.map((s) => [s.key, s.backend, s.usbId, s.name, s.minable]),
      [
        ['sim:one', 'simulated', '29f1:40f1', 'Avalon4 mini', true],
        ['sim:two', 'simulated', '29f1:33f3', 'Avalon nano', true],
      ],
    );
    assert.deepEqual(events.map((e) => (e.type === 'scan' ? 'scan' : `${e.type} ${e.stick.key}`)), ['attach sim:one', 'attach sim:two', 'scan']);

    const link = await bus.open(scan.sticks[0]!);
    assert.equal(mini.plugged, true);
    bus.unplug('sim:one');
    assert.equal(link.closed, true);
    await assert.rejects(link.read(50), (e: unknown) => e instanceof TransportError && e.code === 'unplugged');
    await assert.rejects(bus.open(scan.sticks[0]!), (e: unknown) => e instanceof TransportError && e.code === 'unplugged');
    await waitFor('the detach', () => events.some((e) => e.type === 'detach'));
    assert.deepEqual((await bus.scan()).sticks.map((s) => s.key), ['sim:two']);

    bus.replug('sim:one');
    await waitFor('the attach', () => events.filter((e) => e.type === 'attach').length === 3);
    const again = await bus.open(scan.sticks[0]!);
    assert.equal(mini.stats().plugs, 2, 'a re-plug powers the stick up again');
    // The host letting go powers the stick down: its chips stop.
    await again.close();
    assert.equal(mini.plugged, false);
  } finally {
    unwatch();
    bus.close();
  }
  assert.throws(() => bus.unplug('sim:nope'), RangeError);
});
