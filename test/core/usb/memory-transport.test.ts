import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryLink } from '../../../electron/core/usb/memory-transport.js';
import { TransportError, withTimeout } from '../../../electron/core/usb/transport.js';

const code = (c: string) => (e: unknown) => e instanceof TransportError && e.code === c;

test('reports travel both ways, in order, as copies', async () => {
  const { host, device } = createMemoryLink();
  const got: number[] = [];
  device.onReport((b) => got.push(b[0] ?? -1));
  const out = Uint8Array.of(1, 2);
  await host.write(out, 50);
  out[0] = 9;
  await host.write(Uint8Array.of(2), 50);
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, [1, 2]);
  const pending = host.read(50);
  device.send(Uint8Array.of(7));
  device.send(Uint8Array.of(8));
  assert.deepEqual([...(await pending)], [7]);
  assert.deepEqual([...(await host.read(50))], [8]);
});

test('a read with nothing to read times out with a typed error', async () => {
  const { host } = createMemoryLink();
  const start = Date.now();
  await assert.rejects(host.read(20), code('timeout'));
  assert.ok(Date.now() - start >= 15);
  await assert.rejects(host.read(0), RangeError);
});

test('reports are size-capped and the inbound queue is bounded like a FIFO', async () => {
  const { host, device } = createMemoryLink({ maxQueuedReports: 2 });
  await assert.rejects(host.write(new Uint8Array(65), 50), code('size'));
  await assert.rejects(host.write(new Uint8Array(0), 50), code('size'));
  device.send(Uint8Array.of(1));
  device.send(Uint8Array.of(2));
  device.send(Uint8Array.of(3));
  assert.deepEqual([...(await host.read(50))], [2]);
  assert.deepEqual([...(await host.read(50))], [3]);
});

test('unplugging fails pending and later operations and tells listeners once', async () => {
  const { host, device } = createMemoryLink();
  const reasons: string[] = [];
  host.onClose((r) => reasons.push(r));
  const pending = host.read(1000);
  device.unplug();
  device.unplug();
  await assert.rejects(pending, code('unplugged'));
  await assert.rejects(host.read(10), code('unplugged'));
  await assert.rejects(host.write(Uint8Array.of(1), 10), code('unplugged'));
  assert.deepEqual(reasons, ['unplugged']);
  assert.equal(device.unplugged, true);
  // A listener added after the fact still hears why.
  const late = await new Promise<string>((resolve) => host.onClose(resolve));
  assert.equal(late, 'unplugged');
});

test('closing from the host side is "closed", not "unplugged"', async () => {
  const { host, device } = createMemoryLink();
  await host.close();
  await assert.rejects(host.read(10), code('closed'));
  assert.equal(device.unplugged, false);
});

test('withTimeout rejects a slow operation and leaves no timer behind', async () => {
  await assert.rejects(withTimeout(new Promise(() => {}), 10, 'slow op'), (e: unknown) => code('timeout')(e) && /slow op timed out after 10 ms/.test((e as Error).message));
  assert.equal(await withTimeout(Promise.resolve(5), 1000, 'fast op'), 5);
});
