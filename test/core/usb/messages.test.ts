// Payloads of each AVAM packet type, checked byte by byte against the layouts
// in cgminer's driver-avalon-miner.c/.h and Canaan's Avalon-nano firmware
// (firmware/mini/code/src/hid_main.c, firmware/nano/code/src/hid_main.c).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { midstate } from '../../../electron/core/stratum/sha256-compress.js';
import {
  FREQUENCY_TABLE,
  decodeAckDetect,
  decodeFrequencyStatus,
  decodeNonceReply,
  decodeSetFrequency,
  decodeSetSpiSpeed,
  decodeSetVoltage,
  decodeStatus,
  decodeVoltageCode,
  decodeWork,
  encodeAckDetect,
  encodeFrequencyStatus,
  encodeGetFrequency,
  encodeNonceReply,
  encodePolling,
  encodeSetFrequency,
  encodeSetSpiSpeed,
  encodeSetVoltage,
  encodeStatus,
  encodeVoltageCode,
  encodeWork,
  frequencyToPll,
  pllToFrequency,
} from '../../../electron/core/usb/messages.js';
import { rebuildHeader } from '../../../electron/core/usb/nonce-header.js';
import { PacketError, PacketType, decodePacket, encodePacket } from '../../../electron/core/usb/packet.js';
import { hashFromMidstate, hasLeadingZeroBits } from '../../../electron/core/usb/sim-stick.js';
import { hashValue, sha256d } from './helpers.js';

const data = (bytes: Uint8Array) => Buffer.from(bytes.subarray(6, 38));
const isField = (e: unknown) => e instanceof PacketError && e.code === 'field';

test('ACKDETECT: DNA at data 0-7, 15-character version at 8-22, ASIC count big-endian at 23-26', () => {
  // avalonm_detect_one: memcpy(info->dna, ar.data, AVAM_MM_DNA_LEN=8); memcpy(info->ver, ar.data + 8, AVAM_MM_VER_LEN=15);
  // asic_cnts = be32toh(ar.data + 8 + 15).
  const dna = Buffer.from('0123456789abcdef', 'hex');
  const bytes = encodeAckDetect({ dna, version: '4M1505-5e6f7a8', asicCount: 5 });
  assert.equal(bytes[2], 0x40);
  const d = data(bytes);
  assert.deepEqual(d.subarray(0, 8), dna);
  assert.equal(d.subarray(8, 23).toString('latin1'), '4M1505-5e6f7a8\0');
  assert.equal(d.readUInt32BE(23), 5);
  assert.deepEqual([...d.subarray(27)], [0, 0, 0, 0, 0]);
  assert.deepEqual(decodeAckDetect(decodePacket(bytes)), { dna: '0123456789abcdef', version: '4M1505-5e6f7a8', asicCount: 5, model: 'avalon4-mini' });
  const nano = decodeAckDetect(decodePacket(encodeAckDetect({ dna, version: '3U1505-1a2b3c4', asicCount: 1 })));
  assert.equal(nano.model, 'avalon-nano');
  assert.equal(decodeAckDetect(decodePacket(encodeAckDetect({ dna, version: 'XX', asicCount: 2 }))).model, 'unknown');
});

test('a hostile ACKDETECT is refused, not believed', () => {
  const dna = new Uint8Array(8);
  assert.throws(() => decodeAckDetect(decodePacket(encodeAckDetect({ dna, version: '4M', asicCount: 0 }))), isField);
  assert.throws(() => decodeAckDetect(decodePacket(encodeAckDetect({ dna, version: '4M', asicCount: 0xffffffff }))), isField);
  const raw = new Uint8Array(32);
  raw.set([0x34, 0x4d, 0x07, 0x1b], 8); // control characters in the version
  raw[26] = 5;
  assert.throws(() => decodeAckDetect(decodePacket(encodePacket({ type: PacketType.ackDetect, data: raw }))), isField);
  assert.throws(() => decodeAckDetect(decodePacket(encodePolling())), isField);
});

// driver-icarus.c: golden_ob for block 171874 and golden_nonce "000187a2". Icarus work is the same
// 32-byte reversed midstate and reversed last 12 header bytes (`rev(workdata.midstate)`,
// `rev(workdata.work)` from work->midstate and work->data + 64) that avalonm_process_tasks
// puts in the two WORK packets.
const GOLDEN_MIDSTATE = '4679ba4ec99876bf4bfe086082b400254df6c356451471139a3afa71e48f544a';
const GOLDEN_TAIL = '87320b1a1426674f2fa722ce';

test('WORK packets carry the Icarus golden work, and the simulator chip finds the golden nonce in it', () => {
  const second = Buffer.alloc(32);
  Buffer.from(GOLDEN_TAIL, 'hex').copy(second, 20);
  const p1 = encodePacket({ type: PacketType.work, idx: 1, cnt: 2, data: Buffer.from(GOLDEN_MIDSTATE, 'hex') });
  const p2 = encodePacket({ type: PacketType.work, idx: 2, cnt: 2, data: second });
  const work = decodeWork(decodePacket(p1), decodePacket(p2));
  // Header bytes 64..75 as serialized: merkle tail ce22a72f... ends the tail; ntime 0x4f672614 (March 2012); nbits 0x1a0b3287.
  assert.equal(Buffer.from(work.tail).readUInt32LE(4), 0x4f672614);
  assert.equal(Buffer.from(work.tail).readUInt32LE(8), 0x1a0b3287);
  // Encoding the decoded work gives the same bytes back.
  const [e1, e2] = encodeWork({ workId: 0, midstate: work.midstate, tail: work.tail, ntimeRoll: 0 });
  assert.deepEqual(e1, p1);
  assert.deepEqual(e2, p2);
  // Only 0x000187a2 meets difficulty 1 (cgminer test_nonce: hash bytes 28-31 zero) near it.
  const state = Array.from({ length: 8 }, (_, i) => Buffer.from(work.midstate).readUInt32BE(i * 4));
  const found: number[] = [];
  for (let n = 0x18000; n < 0x19000; n++) if (hasLeadingZeroBits(hashFromMidstate(state, work.tail, n), 32)) found.push(n);
  assert.deepEqual(found, [0x000187a2]);
});

test('WORK packet 2 holds id(6) + reserved(2) + ntime roll(1) + fan(3) + led(4) + reserved(4) + header tail(12)', () => {
  // Layout comment in avalonm_process_tasks and the mini firmware's process_mm_pkg; UNPACK32(work->id, data).
  const header = Buffer.from(Array.from({ length: 80 }, (_, i) => i));
  const ms = midstate(header);
  const [p1, p2] = encodeWork({ workId: 0x01020304, midstate: ms, tail: header.subarray(64, 76), ntimeRoll: 4 });
  assert.deepEqual([...p1.subarray(0, 6)], [0x43, 0x4e, 0x24, 0, 1, 2]);
  assert.deepEqual([...p2.subarray(0, 6)], [0x43, 0x4e, 0x24, 0, 2, 2]);
  // Packet 1: the state words H7..H0, each big-endian (cgminer's rev() of the little-endian host words).
  const words = Array.from({ length: 8 }, (_, i) => ms.readUInt32BE(i * 4));
  assert.deepEqual(Array.from({ length: 8 }, (_, i) => data(p1).readUInt32BE(i * 4)), words.reverse());
  const d = data(p2);
  assert.equal(d.subarray(0, 20).toString('hex'), '01020304' + '0000' + '0000' + '04' + '000000' + '00000000' + '00000000');
  // Header words 18 (nbits), 17 (ntime), 16 (merkle tail), each as serialized.
  assert.equal(d.subarray(20).toString('hex'), '48494a4b' + '44454647' + '40414243');
  const back = decodeWork(decodePacket(p1), decodePacket(p2));
  assert.equal(back.workId, 0x01020304);
  assert.deepEqual(Buffer.from(back.workIdBytes), Buffer.from('010203040000', 'hex'));
  assert.equal(back.ntimeRoll, 4);
  assert.deepEqual(Buffer.from(back.midstate), ms);
  assert.deepEqual(Buffer.from(back.tail), header.subarray(64, 76));
  assert.throws(() => decodeWork(decodePacket(p2), decodePacket(p1)), isField);
  assert.throws(() => encodeWork({ workId: 1, midstate: ms.subarray(0, 31), tail: header.subarray(64, 76), ntimeRoll: 0 }), isField);
  assert.throws(() => encodeWork({ workId: 1, midstate: ms, tail: header.subarray(64, 75), ntimeRoll: 0 }), isField);
  assert.throws(() => encodeWork({ workId: 1, midstate: ms, tail: header.subarray(64, 76), ntimeRoll: 256 }), isField);
});

test('what the device hashes from the WORK packets is SHA-256d of the rebuilt header (node:crypto)', () => {
  for (let i = 0; i < 8; i++) {
    const header = randomBytes(80);
    const [p1, p2] = encodeWork({ workId: i, midstate: midstate(header), tail: header.subarray(64, 76), ntimeRoll: 0 });
    const work = decodeWork(decodePacket(p1), decodePacket(p2));
    const state = Array.from({ length: 8 }, (_, k) => Buffer.from(work.midstate).readUInt32BE(k * 4));
    const chipNonce = randomBytes(4).readUInt32BE(0);
    const rebuilt = rebuildHeader(header, 0, chipNonce);
    assert.deepEqual(hashFromMidstate(state, work.tail, chipNonce), sha256d(rebuilt.header));
  }
});

test('rebuildHeader adds the ntime offset to the little-endian ntime and writes the chip nonce big-endian at 76', () => {
  // cgminer.c roll_work_ntime (be32 of the word-swapped work->data + 68) and rebuild_nonce (htole32 at +76, then flip80).
  const header = Buffer.alloc(80, 0xee);
  header.writeUInt32LE(0x5f000000, 68);
  const r = rebuildHeader(header, 3, 0x000187a2);
  assert.equal(r.header.readUInt32LE(68), 0x5f000003);
  assert.equal(r.ntime, 0x5f000003);
  assert.equal(r.header.subarray(76).toString('hex'), '000187a2');
  assert.equal(r.nonce, 0xa2870100);
  assert.deepEqual(r.header.subarray(0, 68), header.subarray(0, 68));
  assert.equal(rebuildHeader(header.subarray(0, 76), 0, 1).header.length, 80);
  assert.throws(() => rebuildHeader(header.subarray(0, 64), 0, 1), RangeError);
});

test('NONCE reply: two records of id(6) chip(1) ntime(1) nonce(4) reserved(1) fifo counts(3); the chips add 0x4000', () => {
  // firmware/mini hid_main.c "P_NONCE: id(6) + chip_id(1) + ntime(1) + nonce(4) + reserved(1) + usb rb(1) + work rb(1) + nonce rb(1)";
  // cgminer process_nonce: PACK32(report) id, report[6] chip, report[7] ntime, PACK32(report + 8) - 0x4000, report[13..15] fifos.
  const bytes = encodeNonceReply([
    { workIdBytes: Buffer.from('0000002a0000', 'hex'), chipId: 3, ntimeOffset: 2, deviceNonce: 0x12345678, usbFifo: 1, workFifo: 5, nonceFifo: 7 },
    { workIdBytes: Buffer.from('0000002b0000', 'hex'), chipId: 0, ntimeOffset: 0, deviceNonce: 0x00001000, usbFifo: 0, workFifo: 4, nonceFifo: 6 },
  ]);
  assert.equal(bytes[2], 0x42);
  const d = data(bytes);
  assert.equal(d.subarray(0, 16).toString('hex'), '0000002a0000' + '03' + '02' + '12345678' + '00' + '01' + '05' + '07');
  assert.equal(d.subarray(16).toString('hex'), '0000002b0000' + '00' + '00' + '00001000' + '00' + '00' + '04' + '06');
  const [a, b, ...rest] = decodeNonceReply(decodePacket(bytes));
  assert.equal(rest.length, 0);
  assert.deepEqual({ ...a, workIdBytes: Buffer.from(a?.workIdBytes ?? []) }, {
    workId: 0x2a,
    workIdBytes: Buffer.from('0000002a0000', 'hex'),
    chipId: 3,
    ntimeOffset: 2,
    deviceNonce: 0x12345678,
    nonce: 0x12341678,
    usbFifo: 1,
    workFifo: 5,
    nonceFifo: 7,
  });
  assert.equal(b?.nonce, 0xffffd000); // wraps like cgminer's uint32_t
});

test('an absent second record is 0xff (memset before the report), so only one record decodes', () => {
  const bytes = encodeNonceReply([{ workIdBytes: new Uint8Array(6), chipId: 0, ntimeOffset: 0, deviceNonce: 0x4001, usbFifo: 0, workFifo: 0, nonceFifo: 0 }]);
  assert.equal(data(bytes).subarray(16).toString('hex'), 'ff'.repeat(16));
  const records = decodeNonceReply(decodePacket(bytes));
  assert.equal(records.length, 1);
  assert.equal(records[0]?.nonce, 1);
  assert.throws(() => encodeNonceReply([]), isField);
  assert.throws(() => encodeNonceReply([{ workIdBytes: new Uint8Array(6), chipId: 0xff, ntimeOffset: 0, deviceNonce: 0, usbFifo: 0, workFifo: 0, nonceFifo: 0 }]), isField);
});

test('STATUS: eight big-endian words, read per model as cgminer decode_pkg does', () => {
  // nano firmware: freq, led, fan(-1), 2.5V adc, vcore adc, temp, v1.8<<16|v0.9, power good.
  const nanoWords = [200, 0xff, 0xffffffff, 387, 200, 45, (558 << 16) | 279, 1];
  const nanoBytes = encodeStatus(nanoWords);
  assert.equal(data(nanoBytes).toString('hex'), nanoWords.map((w) => w.toString(16).padStart(8, '0')).join(''));
  const nano = decodeStatus(decodePacket(nanoBytes), 'avalon-nano');
  assert.deepEqual(nano, { words: nanoWords, powerGood: true, voltage: 2.5, frequencyMhz: 200, temperatureC: 45, led: 0xff, poweredOff: false });
  assert.equal(decodeStatus(decodePacket(encodeStatus([200, 0, 0, 0, 0, 0, 0, 0])), 'avalon-nano').poweredOff, true);
  // mini firmware: spi speed, led, fan, voltage code, 12V adc, copper adc, fan adc, power good; 0xff code = off.
  const mini = decodeStatus(decodePacket(encodeStatus([1_000_000, 0xff00, 0xffffffff, 0x9b, 341, 512, 512, 1])), 'avalon4-mini');
  assert.equal(mini.voltage, 6500);
  assert.equal(mini.spiSpeed, 1_000_000);
  assert.equal(mini.poweredOff, false);
  assert.equal(decodeStatus(decodePacket(encodeStatus([0, 0, 0, 0xff, 0, 0, 0, 0])), 'avalon4-mini').poweredOff, true);
  assert.throws(() => encodeStatus([1, 2, 3]), isField);
  assert.throws(() => decodeStatus(decodePacket(encodePolling()), 'avalon-nano'), isField);
});

test('frequencies map to the A3222 PLL words of g_freq_array, rounding down like avalonm_get_cpm', () => {
  assert.equal(FREQUENCY_TABLE.length, 25);
  assert.equal(frequencyToPll(100), 0x1e678447);
  assert.equal(frequencyToPll(200), 0x1e278447);
  assert.equal(frequencyToPll(210), 0x1e278447);
  assert.equal(frequencyToPll(350), 0x1a068447);
  assert.equal(frequencyToPll(400), 0x1e078447);
  assert.equal(pllToFrequency(0x26298447), 250);
  assert.equal(pllToFrequency(0x12345678), undefined);
  assert.throws(() => frequencyToPll(99), isField);
  assert.throws(() => frequencyToPll(401), isField);
  // SET_FREQ: three PLL words big-endian, opt = ASIC index (avalonm_set_freq).
  const bytes = encodeSetFrequency(2, [100, 200, 400]);
  assert.deepEqual([...bytes.subarray(2, 6)], [0x23, 2, 1, 1]);
  assert.equal(data(bytes).subarray(0, 12).toString('hex'), '1e678447' + '1e278447' + '1e078447');
  assert.deepEqual(decodeSetFrequency(decodePacket(bytes)), { asicIndex: 2, pll: [0x1e678447, 0x1e278447, 0x1e078447], mhz: [100, 200, 400] });
  // GET_FREQ asks with opt; STATUS_FREQ answers with the words and opt echoed (mini firmware).
  assert.deepEqual([...encodeGetFrequency(3).subarray(2, 4)], [0x33, 3]);
  const status = decodeFrequencyStatus(decodePacket(encodeFrequencyStatus(3, [0x1e278447, 0x1e278447, 0x12345678])));
  assert.deepEqual(status, { asicIndex: 3, pll: [0x1e278447, 0x1e278447, 0x12345678], mhz: [200, 200, undefined] });
  assert.throws(() => encodeGetFrequency(65), isField);
});

test('voltage codes follow encode_voltage/decode_voltage; SET_VOLT puts the code big-endian in data 0-1', () => {
  assert.equal(encodeVoltageCode(6500), 0x9b);
  assert.equal(encodeVoltageCode(5000), 0xb3);
  assert.equal(encodeVoltageCode(9000), 0x73);
  assert.equal(encodeVoltageCode(0), 0xff);
  assert.equal(decodeVoltageCode(0x9b), 6500);
  assert.equal(decodeVoltageCode(0xff), 0);
  for (let mv = 5000; mv <= 9000; mv += 125) assert.equal(decodeVoltageCode(encodeVoltageCode(mv)), mv);
  assert.throws(() => encodeVoltageCode(4999), isField);
  assert.throws(() => encodeVoltageCode(9001), isField);
  const bytes = encodeSetVoltage(6500);
  assert.equal(bytes[2], 0x22);
  assert.equal(data(bytes).subarray(0, 4).toString('hex'), '009b0000');
  assert.deepEqual(decodeSetVoltage(decodePacket(bytes)), { code: 0x9b, mv: 6500 });
});

test('SETM carries the SPI speed with bit 31 set (avalonm_set_spispeed)', () => {
  const bytes = encodeSetSpiSpeed(1_000_000);
  assert.equal(bytes[2], 0x25);
  assert.equal(data(bytes).subarray(0, 4).toString('hex'), '800f4240');
  assert.equal(decodeSetSpiSpeed(decodePacket(bytes)), 1_000_000);
  assert.equal(decodeSetSpiSpeed(decodePacket(encodePacket({ type: 0x25, data: Uint8Array.of(0, 0x0f, 0x42, 0x40) }))), undefined);
  assert.throws(() => encodeSetSpiSpeed(0), isField);
});

test('the simulator\'s zero-bit test agrees with a BigInt target comparison', () => {
  for (let i = 0; i < 200; i++) {
    const digest = randomBytes(32);
    digest[31] = 0;
    digest[30] = i % 3 === 0 ? 0 : digest[30] ?? 0;
    for (const bits of [8, 12, 16]) {
      assert.equal(hasLeadingZeroBits(digest, bits), hashValue(digest) < 1n << BigInt(256 - bits));
    }
  }
});
