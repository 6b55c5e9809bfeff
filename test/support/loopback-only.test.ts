// The guard that scripts/test.mjs loads into every test process is really
// there: a connection or DNS lookup outside loopback fails before any packet.
import assert from 'node:assert/strict';
import dns from 'node:dns';
import net from 'node:net';
import { test } from 'node:test';

function connectError(socket: net.Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    socket.once('error', resolve);
    socket.once('connect', () => reject(new Error('connected')));
  });
}

test('the network guard refuses non-loopback connections and lookups, and lets loopback through', async () => {
  assert.match((await connectError(net.connect({ host: '10.255.0.1', port: 4028 }))).message, /outside loopback/);
  assert.match((await connectError(net.connect(4028, '192.168.1.1'))).message, /outside loopback/);
  const lookup = await new Promise<Error | null>((resolve) => dns.lookup('pool.example.com', (err) => resolve(err)));
  assert.match(lookup?.message ?? '', /outside loopback/);
  await assert.rejects(dns.promises.lookup('pool.example.com'), /outside loopback/);
  await assert.rejects(fetch('http://pool.example.com/'), (err: Error & { cause?: Error }) => /outside loopback/.test(err.cause?.message ?? err.message));

  const server = net.createServer((s) => s.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
