import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StratumError } from '../../../electron/core/stratum/errors.js';
import { LineDecoder } from '../../../electron/core/stratum/framing.js';
import { formatEndpoint, parsePoolUrl } from '../../../electron/core/stratum/url.js';

test('LineDecoder splits on newlines across chunks, strips CR, drops blank lines', () => {
  const d = new LineDecoder(100);
  assert.deepEqual(d.push(Buffer.from('{"a":1}\n{"b"')), ['{"a":1}']);
  assert.deepEqual(d.push(Buffer.from(':2}\r\n\n  \n{"c":3}\n')), ['{"b":2}', '{"c":3}']);
  // A multi-byte character split between chunks is decoded whole.
  const euro = Buffer.from('"€"\n');
  assert.deepEqual(d.push(euro.subarray(0, 2)), []);
  assert.deepEqual(d.push(euro.subarray(2)), ['"€"']);
});

test('LineDecoder refuses a line over the cap, even without a newline', () => {
  const d = new LineDecoder(10, 'pool p');
  assert.deepEqual(d.push(Buffer.from('0123456789\n')), ['0123456789']);
  assert.throws(
    () => d.push(Buffer.from('0123456789A')),
    (e: unknown) => e instanceof StratumError && e.kind === 'too-large' && e.message === 'pool p sent a line longer than 10 bytes',
  );
  const slow = new LineDecoder(10);
  slow.push(Buffer.from('01234'));
  assert.throws(() => slow.push(Buffer.from('567890')), StratumError);
  assert.throws(() => new LineDecoder(0), RangeError);
});

test('pool URLs: stratum+tcp and bare host:port; TLS and other schemes refused clearly', () => {
  assert.deepEqual(parsePoolUrl('stratum+tcp://solo.ckpool.org:3333'), { host: 'solo.ckpool.org', port: 3333 });
  assert.deepEqual(parsePoolUrl(' pool.example.com:4444 '), { host: 'pool.example.com', port: 4444 });
  assert.deepEqual(parsePoolUrl('stratum://127.0.0.1:3333/'), { host: '127.0.0.1', port: 3333 });
  assert.deepEqual(parsePoolUrl('stratum+tcp://[::1]:3333'), { host: '::1', port: 3333 });
  assert.equal(formatEndpoint({ host: '::1', port: 3333 }), '[::1]:3333');
  const refused = (url: string, pattern: RegExp): void =>
    assert.throws(() => parsePoolUrl(url), (e: unknown) => e instanceof StratumError && e.kind === 'config' && pattern.test(e.message));
  refused('stratum+ssl://pool.example.com:443', /TLS pools are not supported yet/);
  refused('http://pool.example.com:80', /unsupported scheme "http:\/\/"/);
  refused('pool.example.com', /expected host:port/);
  refused('stratum+tcp://pool.example.com:0', /port 0 outside/);
  refused('stratum+tcp://pool.example.com:70000', /port 70000 outside/);
  refused('stratum+tcp://bad_host!:3333', /expected host:port|invalid host/);
  refused('stratum+tcp://-bad.example.com:3333', /invalid host/);
});
