// The driver against the simulated stick over the in-memory link, and against
// hand-written misbehaving devices. Every candidate is checked here with
// node:crypto (helpers.ts), independent of the simulator and the hashing core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AvalonUsbDriver, calDelayMs, type CandidateShare, type UsbDriverEvent, type UsbDriverOptions } from '../../../electron/core/usb/driver.js';
import { createMemoryLink } from '../../../electron/core/usb/memory-transport.js';
import { encodeAckDetect, encodeStatus } from '../../../electron/core/usb/messages.js';
import { PacketError, PacketType, encodePacket } from '../../../electron/core/usb/packet.js';
import { SimStick, type SimStickOptions } from '../../../electron/core/usb/sim-stick.js';
import { hashValue, randomWork, sha256d, waitFor, zeroBitsTarget } from './helpers.js';

const ZERO_BITS = 8;
const TARGET = zeroBitsTarget(ZERO_BITS);

function rig(sim: SimStickOptions = {}, driver: Partial<UsbDriverOptions> = {}) {
  const stick = new SimStick({ zeroBits: ZERO_BITS, hashRate: 40_000, ...sim });
  const work = randomWork(TARGET);
  const candidates: CandidateShare[] = [];
  const events: UsbDriverEvent[] = [];
  const d = new AvalonUsbDriver({
    nextWork: work.next,
    ioTimeoutMs: 100,
    roundDelayMs: 5,
    settleMs: 0,
    retryDelayMs: 20,
    maxSilentReads: 3,
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'candidate') candidates.push(e.candidate);
    },
    ...driver,
  });
  const done = async () => {
    await d.stop();
    stick.unplug();
  };
  return { stick, work, candidates, events, driver: d, done };
}

const meetsTarget = (c: CandidateShare) => hashValue(sha256d(c.header)) <= TARGET;

test('the driver detects the stick, reads its version and DNA, and configures it', async () => {
  const r = rig({ serial: 0x0badcafe }, { frequencyMhz: [250, 250, 250], voltageMv: 7000 });
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('mining', () => r.driver.state === 'mining');
    assert.deepEqual(r.driver.info, { dna: '001a2b3c0badcafe', version: '4M1505-5e6f7a8', asicCount: 5, model: 'avalon4-mini' });
    assert.deepEqual(
      r.events.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? e.state : '')),
      ['detecting', 'configuring', 'mining'],
    );
    await waitFor('a status reply', () => r.driver.stats().statusReplies > 0);
    const settings = r.stick.settings();
    assert.equal(settings.voltageMv, 7000);
    assert.equal(settings.spiSpeedHz, 1_000_000);
    assert.deepEqual(settings.frequencyMhz, Array.from({ length: 5 }, () => [250, 250, 250]));
    assert.equal(r.driver.status?.voltage, 7000);
    assert.deepEqual(r.driver.frequencyMhz, [250, 250, 250]);
    assert.equal(r.driver.stats().detects, 1);
  } finally {
    await r.done();
  }
});

test('the work queue is kept full: one work per ASIC every round, the first rolled by ntimeRoll', async () => {
  const r = rig({}, { ntimeRoll: 2 });
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('10 rounds', () => r.driver.stats().rounds >= 10);
    await waitFor('the stick to have every work', () => r.stick.stats().worksReceived === r.driver.stats().worksSent);
    const s = r.driver.stats();
    // cgminer: asic_cnts - opt_avalonm_ntime_offset works per round; the first covers the rolled chips.
    assert.ok(s.worksSent >= (s.rounds - 1) * 3 && s.worksSent <= s.rounds * 3, `${s.worksSent} works in ${s.rounds} rounds`);
    assert.equal(s.starvedRounds, 0);
    assert.equal(r.work.handedOut.length, s.worksSent);
    await waitFor('rolled nonces', () => r.candidates.some((c) => c.ntimeOffset > 0), 8000);
    for (const c of r.candidates) {
      assert.ok(c.ntimeOffset <= 2);
      assert.equal(c.ntime, (Buffer.from(c.work.header).readUInt32LE(68) + c.ntimeOffset) >>> 0);
      assert.ok(meetsTarget(c), `rolled candidate ${c.ntimeOffset} meets the target`);
    }
  } finally {
    await r.done();
  }
});

test('nonces come back as candidates whose rebuilt header meets the easy target (node:crypto)', async () => {
  const r = rig();
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('30 candidates', () => r.candidates.length >= 30, 8000);
    for (const c of r.candidates) {
      assert.ok(meetsTarget(c), `candidate ${c.chipNonce.toString(16)} of ${c.jobId}`);
      assert.equal(c.header.length, 80);
      assert.deepEqual(c.header.subarray(0, 68), Buffer.from(c.work.header).subarray(0, 68));
      assert.equal(c.header.readUInt32LE(76), c.nonce);
      assert.equal(c.header.readUInt32BE(76), c.chipNonce);
      assert.equal(c.deviceNonce, (c.chipNonce + 0x4000) >>> 0);
      assert.equal(c.target, TARGET);
      assert.ok(c.chipId < 5);
      assert.ok(r.work.handedOut.includes(c.work));
    }
    const s = r.driver.stats();
    assert.equal(s.candidates, r.candidates.length);
    assert.equal(s.candidatesPerChip.reduce((a, b) => a + b, 0), s.candidates);
    assert.equal(s.crcErrors + s.badPackets + s.invalidChips, 0);
  } finally {
    await r.done();
  }
});

test('nonces made wrong on purpose reach the caller and fail the test-side check, and only they do', async () => {
  const r = rig({ faults: { wrongNonceEvery: 3 } });
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('30 candidates', () => r.candidates.length >= 30, 8000);
    const bad = r.candidates.filter((c) => !meetsTarget(c));
    const wrong = new Set(r.stick.wrongNonces.map((w) => `${w.workId}:${w.chipNonce}:${w.ntimeOffset}`));
    assert.ok(bad.length >= 5, `${bad.length} bad of ${r.candidates.length}`);
    for (const c of r.candidates) assert.equal(wrong.has(`${c.workId}:${c.chipNonce}:${c.ntimeOffset}`), !meetsTarget(c));
  } finally {
    await r.done();
  }
});

test('replies with corrupt CRCs are dropped and counted, and mining goes on', async () => {
  const r = rig({ faults: { corruptCrcEvery: 4 } });
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('20 candidates', () => r.candidates.length >= 20, 8000);
    const s = r.driver.stats();
    assert.ok(s.crcErrors >= 3, `${s.crcErrors} CRC errors`);
    assert.ok(s.crcErrors <= r.stick.stats().repliesCorrupted);
    assert.ok(r.candidates.every(meetsTarget));
    assert.equal(r.driver.state, 'mining');
  } finally {
    await r.done();
  }
});

test('dropped replies time out, are counted and tolerated', async () => {
  const r = rig({ faults: { dropReplyEvery: 5 } }, { ioTimeoutMs: 30 });
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('20 candidates', () => r.candidates.length >= 20, 8000);
    const s = r.driver.stats();
    assert.ok(s.timeouts >= 2, `${s.timeouts} timeouts`);
    assert.equal(s.redetects, 0);
    assert.ok(r.candidates.every(meetsTarget));
  } finally {
    await r.done();
  }
});

test('a stick that stops answering is detected again once it answers', async () => {
  const r = rig({}, { ioTimeoutMs: 20 });
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('mining', () => r.driver.state === 'mining');
    r.stick.setFaults({ dropReplyEvery: 1 });
    await waitFor('a redetect', () => r.driver.stats().redetects >= 1);
    assert.ok(r.events.some((e) => e.type === 'warning' && /no reply/.test(e.message)));
    r.stick.setFaults({});
    await waitFor('mining again', () => r.driver.state === 'mining' && r.driver.stats().detects >= 2);
    const before = r.candidates.length;
    await waitFor('new candidates', () => r.candidates.length >= before + 5, 8000);
  } finally {
    await r.done();
  }
});

test('unplug is noticed at once and a re-plugged stick is detected again', async () => {
  const r = rig();
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('5 candidates', () => r.candidates.length >= 5, 8000);
    r.stick.unplug();
    await waitFor('unplugged', () => r.driver.state === 'unplugged', 1000);
    assert.equal(r.driver.stats().unplugs, 1);
    const before = r.candidates.length;
    r.driver.attach(r.stick.plug());
    await waitFor('mining again', () => r.driver.state === 'mining');
    assert.equal(r.driver.stats().detects, 2);
    assert.equal(r.stick.stats().plugs, 2);
    await waitFor('new candidates', () => r.candidates.length >= before + 5, 8000);
    assert.ok(r.candidates.every(meetsTarget));
  } finally {
    await r.done();
  }
});

test('a nano (one ASIC, one record per reply) mines too', async () => {
  const r = rig({ model: 'avalon-nano' });
  try {
    r.driver.attach(r.stick.plug());
    await waitFor('10 candidates', () => r.candidates.length >= 10, 8000);
    assert.equal(r.driver.info?.model, 'avalon-nano');
    assert.equal(r.driver.info?.asicCount, 1);
    assert.ok(r.candidates.every((c) => c.chipId === 0 && meetsTarget(c)));
  } finally {
    await r.done();
  }
});

test('bad headers, hostile detect replies and bad work items are counted, never fatal', async () => {
  const { host, device } = createMemoryLink();
  const events: UsbDriverEvent[] = [];
  const headers = [Buffer.alloc(70), Buffer.alloc(80)];
  let detects = 0;
  device.onReport((bytes) => {
    if (bytes[2] === PacketType.detect) {
      detects++;
      const bad = Buffer.from(encodeAckDetect({ dna: new Uint8Array(8), version: '4M1505-test', asicCount: 1 }));
      bad[0] = 0x41; // 'A' 'N': wrong header
      device.send(bad);
      device.send(encodeAckDetect({ dna: new Uint8Array(8), version: '4M1505-test', asicCount: detects === 1 ? 0 : 1 }));
    }
    if (bytes[2] === PacketType.polling) device.send(encodeStatus([0, 0, 0, 0x9b, 0, 0, 0, 1]));
  });
  const d = new AvalonUsbDriver({
    nextWork: () => {
      const header = headers.shift();
      return header ? { jobId: 'j', header, target: 1n } : undefined;
    },
    ioTimeoutMs: 50,
    roundDelayMs: 5,
    retryDelayMs: 10,
    onEvent: (e) => events.push(e),
  });
  try {
    d.attach(host);
    await waitFor('mining', () => d.state === 'mining' && d.stats().rounds >= 3);
    const s = d.stats();
    assert.equal(s.badPackets, 3); // two 'A' headers, one ACKDETECT claiming 0 ASICs
    assert.equal(s.detects, 1);
    assert.equal(s.redetects, 1);
    assert.equal(s.rejectedWork, 1);
    assert.equal(s.worksSent, 1);
    assert.ok(s.starvedRounds >= 2);
    assert.ok(events.some((e) => e.type === 'warning' && /refused: header has 70 bytes/.test(e.message)));
  } finally {
    await d.stop();
  }
  assert.equal(d.state, 'stopped');
});

test('a device that floods non-detect packets is not believed to be detected', async () => {
  const { host, device } = createMemoryLink({ maxQueuedReports: 1000 });
  device.onReport((bytes) => {
    if (bytes[2] === PacketType.detect) for (let i = 0; i < 100; i++) device.send(encodePacket({ type: PacketType.status }));
  });
  const d = new AvalonUsbDriver({ nextWork: () => undefined, ioTimeoutMs: 50, retryDelayMs: 10 });
  try {
    d.attach(host);
    await waitFor('a retry', () => d.stats().redetects >= 1);
    assert.equal(d.stats().detects, 0);
    assert.ok(d.stats().unexpectedReplies >= 1);
    assert.equal(d.state, 'detecting');
  } finally {
    await d.stop();
  }
});

test('settings outside the driver source ranges are refused up front', () => {
  const base = { nextWork: () => undefined };
  assert.throws(() => new AvalonUsbDriver({ ...base, voltageMv: 4000 }), PacketError);
  assert.throws(() => new AvalonUsbDriver({ ...base, frequencyMhz: [500, 200, 200] }), PacketError);
  assert.throws(() => new AvalonUsbDriver({ ...base, ntimeRoll: 300 }), RangeError);
  // CAL_DELAY(200) in C integer math: 100 * 703 / 200 / 4 = 87.
  assert.equal(calDelayMs(200), 87);
  assert.equal(calDelayMs(400), 43);
});
