// Framing and CRC of the 40-byte AVAM packet. Layout: cgminer
// driver-avalon-miner.h `struct avalonm_pkg` { head[2], type, opt, idx, cnt,
// data[32], crc[2] } with AVAM_H1 'C', AVAM_H2 'N', AVAM_P_COUNT 40,
// AVAM_P_DATA_LEN 32; the CRC is crc16() of crc16.c over pkg->data only,
// stored crc[0] = high byte, crc[1] = low byte (avalonm_init_pkg).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacketError, PacketType, crc16, decodePacket, encodePacket, packetTypeName } from '../../../electron/core/usb/packet.js';

test('CRC-16/XMODEM known answers', () => {
  // The standard XMODEM check value.
  assert.equal(crc16(Buffer.from('123456789', 'ascii')), 0x31c3);
  assert.equal(crc16(new Uint8Array(0)), 0x0000);
  // crc16.c: crc16_table[1] = 0x1021, crc16_table[0x80] = 0x9188, crc16_table[0xff] = 0x1EF0; a one-byte CRC is table[byte].
  assert.equal(crc16(Uint8Array.of(0x01)), 0x1021);
  assert.equal(crc16(Uint8Array.of(0x80)), 0x9188);
  assert.equal(crc16(Uint8Array.of(0xff)), 0x1ef0);
  // 32 zero data bytes (an empty DETECT/POLLING payload) check to 0.
  assert.equal(crc16(new Uint8Array(32)), 0x0000);
});

test('a DETECT packet is 43 4e 10 00 01 01, 32 zero bytes, CRC 00 00', () => {
  const bytes = encodePacket({ type: PacketType.detect });
  assert.equal(bytes.toString('hex'), '434e1000' + '0101' + '00'.repeat(32) + '0000');
});

test('header, type, opt, idx, cnt, data and a big-endian CRC sit at offsets 0, 2, 3, 4, 5, 6 and 38', () => {
  const data = Buffer.from('123456789', 'ascii');
  const bytes = encodePacket({ type: 0x23, opt: 3, idx: 1, cnt: 2, data });
  assert.equal(bytes.length, 40);
  assert.deepEqual([...bytes.subarray(0, 6)], [0x43, 0x4e, 0x23, 3, 1, 2]);
  assert.deepEqual(bytes.subarray(6, 15), data);
  assert.deepEqual([...bytes.subarray(15, 38)], new Array(23).fill(0));
  const padded = Buffer.alloc(32);
  data.copy(padded);
  assert.equal(bytes.readUInt16BE(38), crc16(padded));
});

test('every AVAM type code round-trips through the framing', () => {
  // driver-avalon-miner.h AVAM_P_* values.
  assert.deepEqual(
    { ...PacketType },
    {
      detect: 0x10,
      setVoltage: 0x22,
      setFrequency: 0x23,
      work: 0x24,
      setSpiSpeed: 0x25,
      polling: 0x30,
      require: 0x31,
      test: 0x32,
      getFrequency: 0x33,
      ackDetect: 0x40,
      status: 0x41,
      nonce: 0x42,
      testResult: 0x43,
      frequencyStatus: 0x44,
    },
  );
  for (const [name, type] of Object.entries(PacketType)) {
    const data = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + type) & 0xff);
    const back = decodePacket(encodePacket({ type, opt: 2, idx: 2, cnt: 2, data }));
    assert.deepEqual(back, { type, opt: 2, idx: 2, cnt: 2, data }, name);
    assert.equal(packetTypeName(type), name);
  }
  assert.equal(packetTypeName(0x99), undefined);
});

test('decoding refuses wrong lengths, headers and CRCs with typed errors', () => {
  const good = encodePacket({ type: PacketType.polling });
  const code = (bytes: Uint8Array) => {
    try {
      decodePacket(bytes);
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof PacketError);
      return e.code;
    }
  };
  assert.equal(code(good), 'ok');
  assert.equal(code(good.subarray(0, 39)), 'length');
  assert.equal(code(Buffer.concat([good, Buffer.of(0)])), 'length');
  assert.equal(code(new Uint8Array(0)), 'length');
  for (const at of [0, 1]) {
    const bad = Buffer.from(good);
    bad[at] = 0x41; // 'A': the older 'A' 'V' header is not this protocol
    assert.equal(code(bad), 'header');
  }
  for (const at of [6, 20, 37, 38, 39]) {
    const bad = Buffer.from(good);
    bad[at] = (bad[at] ?? 0) ^ 0x01;
    assert.equal(code(bad), 'crc', `flipped byte ${at}`);
  }
  // type/opt/idx/cnt are outside the CRC, as in the driver: changing them keeps the CRC valid.
  const retyped = Buffer.from(good);
  retyped[2] = PacketType.detect;
  assert.equal(decodePacket(retyped).type, PacketType.detect);
});

test('encoding refuses oversized data and out-of-range header fields', () => {
  assert.throws(() => encodePacket({ type: 0x10, data: new Uint8Array(33) }), (e: unknown) => e instanceof PacketError && e.code === 'field');
  assert.throws(() => encodePacket({ type: 0x100 }), PacketError);
  assert.throws(() => encodePacket({ type: 0x10, opt: -1 }), PacketError);
  assert.throws(() => encodePacket({ type: 0x10, idx: 1.5 }), PacketError);
});
