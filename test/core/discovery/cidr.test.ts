import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandTargets, formatIpv4, parseIpv4, parseTarget, TargetSyntaxError } from '../../../electron/core/discovery/cidr.js';

const hosts = (entries: string[], defaultPort?: number) =>
  expandTargets(entries, defaultPort === undefined ? {} : { defaultPort }).map((t) => `${t.host}:${t.port}`);

test('IPv4 text round-trips through integers; malformed addresses are rejected', () => {
  assert.equal(parseIpv4('192.168.1.10'), 0xc0a8010a);
  assert.equal(formatIpv4(0xc0a8010a), '192.168.1.10');
  assert.equal(formatIpv4(0xffffffff), '255.255.255.255');
  for (const bad of ['192.168.1', '192.168.1.256', '192.168.01.1', '1.2.3.4.5', '1..2.3', '', 'a.b.c.d', '-1.2.3.4']) {
    assert.equal(parseIpv4(bad), null, bad);
  }
});

test('a /24 expands to its 254 hosts, without network and broadcast', () => {
  const list = hosts(['192.168.1.0/24']);
  assert.equal(list.length, 254);
  assert.equal(list[0], '192.168.1.1:4028');
  assert.equal(list.at(-1), '192.168.1.254:4028');
});

test('host bits in a CIDR mean the network around that host', () => {
  assert.deepEqual(hosts(['10.0.0.77/30']), ['10.0.0.77:4028', '10.0.0.78:4028']);
  assert.deepEqual(hosts(['10.0.0.77/31']), ['10.0.0.76:4028', '10.0.0.77:4028']);
  assert.deepEqual(hosts(['10.0.0.77/32']), ['10.0.0.77:4028']);
});

test('single hosts, host:port, ranges and names', () => {
  assert.deepEqual(hosts(['192.168.1.7']), ['192.168.1.7:4028']);
  assert.deepEqual(hosts(['192.168.1.7:4029']), ['192.168.1.7:4029']);
  assert.deepEqual(hosts(['192.168.1.10-12']), ['192.168.1.10:4028', '192.168.1.11:4028', '192.168.1.12:4028']);
  assert.deepEqual(hosts(['192.168.1.254-192.168.2.1:5000']), ['192.168.1.254:5000', '192.168.1.255:5000', '192.168.2.0:5000', '192.168.2.1:5000']);
  assert.deepEqual(hosts(['Avalon-Q.lan']), ['avalon-q.lan:4028']);
  assert.deepEqual(hosts([' 192.168.1.7 '], 4030), ['192.168.1.7:4030']);
});

test('entries are merged in order without duplicates', () => {
  assert.deepEqual(hosts(['192.168.1.2-3', '192.168.1.3', '192.168.1.3:4029']), ['192.168.1.2:4028', '192.168.1.3:4028', '192.168.1.3:4029']);
});

test('a /16 is the largest range; more is refused clearly', () => {
  assert.equal(expandTargets(['10.1.0.0/16']).length, 65534);
  assert.throws(() => parseTarget('10.0.0.0/15'), /131072 addresses is too many; the largest range scanned is a \/16/);
  assert.throws(() => parseTarget('10.0.0.0-10.2.0.0'), TargetSyntaxError);
  assert.throws(() => expandTargets(['10.1.0.0/16', '10.2.0.0/16']), /at most 65536 can be scanned at once/);
  assert.throws(() => expandTargets(['10.1.0.0/24'], { maxHosts: 100 }), /254 addresses in all/);
});

test('bad input gets a reason naming the entry', () => {
  const cases: [string, RegExp][] = [
    ['', /empty target/],
    ['192.168.1.300', /"192.168.1.300" is not an IPv4 address/],
    ['192.168.1.0/33', /prefix "\/33" must be a number from 0 to 32/],
    ['192.168.1.0/', /prefix/],
    ['192.168.1.7:0', /port 0 is outside 1-65535/],
    ['192.168.1.7:99999', /port 99999 is outside/],
    ['192.168.1.7:http', /port "http" is not a number/],
    ['192.168.1.20-10', /range ends before it starts/],
    ['192.168.1.10-300', /range end 300 is not an octet/],
    ['fe80::1', /IPv6 is not supported/],
    ['my miner', /expected an IPv4 address, a CIDR range/],
    ['x'.repeat(101), /too long/],
  ];
  for (const [input, reason] of cases) {
    assert.throws(
      () => parseTarget(input),
      (e: unknown) => e instanceof TargetSyntaxError && e.input === input && reason.test(e.message),
      input,
    );
  }
});
