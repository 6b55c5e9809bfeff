// The simulator as a device: what it answers, and what it ignores, as the
// Avalon-nano firmware does (firmware/mini/code/src/hid_main.c process_mm_pkg).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAckDetect, decodeFrequencyStatus, decodeStatus, encodeDetect, encodeGetFrequency, encodePolling, encodeSetFrequency, encodeSetVoltage } from '../../../electron/core/usb/messages.js';
import { PacketType, decodePacket, encodePacket } from '../../../electron/core/usb/packet.js';
import { SimStick } from '../../../electron/core/usb/sim-stick.js';
import { TransportError } from '../../../electron/core/usb/transport.js';

test('answers DETECT with its DNA, version and ASIC count, ignoring the header bytes like the firmware', async () => {
  const stick = new SimStick({ serial: 3 });
  const t = stick.plug();
  try {
    const detect = encodeDetect();
    detect[0] = 0x41; // the firmware checks only the CRC
    await t.write(detect, 50);
    const reply = decodeAckDetect(decodePacket(await t.read(100)));
    assert.deepEqual(reply, { dna: '001a2b3c00000003', version: '4M1505-5e6f7a8', asicCount: 5, model: 'avalon4-mini' });
  } finally {
    stick.unplug();
  }
});

test('ignores packets with a bad CRC and types it does not know', async () => {
  const stick = new SimStick();
  const t = stick.plug();
  try {
    const bad = encodePolling();
    bad[39] = (bad[39] ?? 0) ^ 1;
    await t.write(bad, 50);
    await t.write(encodePacket({ type: PacketType.require }), 50);
    await assert.rejects(t.read(40), (e: unknown) => e instanceof TransportError && e.code === 'timeout');
    assert.equal(stick.stats().badPacketsReceived, 1);
  } finally {
    stick.unplug();
  }
});

test('the mini keeps frequencies per ASIC and voltage; GET_FREQ echoes the ASIC index', async () => {
  const stick = new SimStick();
  const t = stick.plug();
  try {
    await t.write(encodeSetFrequency(0, [200, 200, 200]), 50);
    await t.write(encodeSetFrequency(2, [300, 313, 325]), 50);
    await t.write(encodeSetVoltage(6000), 50);
    await t.write(encodeGetFrequency(2), 50);
    const f = decodeFrequencyStatus(decodePacket(await t.read(100)));
    assert.deepEqual({ asicIndex: f.asicIndex, mhz: f.mhz }, { asicIndex: 2, mhz: [300, 313, 325] });
    assert.deepEqual(stick.settings().frequencyMhz[0], [200, 200, 200]);
    await t.write(encodePolling(), 50);
    const status = decodeStatus(decodePacket(await t.read(100)), 'avalon4-mini');
    assert.equal(status.voltage, 6000);
  } finally {
    stick.unplug();
  }
});

test('the nano ignores frequency packets (its firmware sets its own) and reports power off before work', async () => {
  const stick = new SimStick({ model: 'avalon-nano' });
  const t = stick.plug();
  try {
    await t.write(encodeSetFrequency(0, [300, 300, 300]), 50);
    await t.write(encodeGetFrequency(0), 50);
    await t.write(encodePolling(), 50);
    const p = decodePacket(await t.read(100));
    assert.equal(p.type, PacketType.status);
    assert.equal(decodeStatus(p, 'avalon-nano').poweredOff, true);
    assert.deepEqual(stick.settings().frequencyMhz, []);
  } finally {
    stick.unplug();
  }
});

test('refuses an impossible difficulty setting', () => {
  assert.throws(() => new SimStick({ zeroBits: 0 }), RangeError);
  assert.throws(() => new SimStick({ zeroBits: 33 }), RangeError);
});
