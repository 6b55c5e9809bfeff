// usbutils.c find_dev entries (idVendor 0x29f1; AV4M 0x40f1 "Avalon4 mini", AV3U 0x33f3
// "Avalon nano", AV4/AV7/AV8 0x33f2 "USB2IIC Converter") and their epinfos/intinfos.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CANAAN_VENDOR_ID, formatUsbId, identifyCanaanUsb, isCanaanVendor } from '../../../electron/core/usb/ids.js';

test('Canaan ids, names, interfaces and endpoints match cgminer usbutils.c', () => {
  assert.equal(CANAAN_VENDOR_ID, 0x29f1);
  const pick = (pid: number) => {
    const id = identifyCanaanUsb(0x29f1, pid);
    assert.ok(id);
    return [id.kind, id.product, id.protocol, id.interfaceNumber, id.endpointIn, id.endpointOut, id.packetBytes];
  };
  // av3u_ints: USB_EPS(0, ...), interrupt 40 bytes EPI(1)/EPO(1)
  assert.deepEqual(pick(0x33f3), ['avalon-nano', 'Avalon nano', 'avam', 0, 1, 1, 40]);
  // avam_ints: USB_EPS(1, ...), interrupt 40 bytes
  assert.deepEqual(pick(0x40f1), ['avalon4-mini', 'Avalon4 mini', 'avam', 1, 1, 1, 40]);
  // ava4_ints: USB_EPS(1, ...), bulk 64 bytes
  assert.deepEqual(pick(0x33f2), ['auc', 'USB2IIC Converter', 'auc', 1, 1, 1, 64]);
  assert.equal(identifyCanaanUsb(0x29f1, 0x33f1), undefined);
  assert.equal(identifyCanaanUsb(0x0403, 0x6001), undefined);
  assert.equal(isCanaanVendor(0x29f1), true);
  assert.equal(isCanaanVendor(0x067b), false);
  assert.equal(formatUsbId(0x29f1, 0x33f3), '29f1:33f3');
  assert.equal(formatUsbId(0x1, 0xab), '0001:00ab');
});
