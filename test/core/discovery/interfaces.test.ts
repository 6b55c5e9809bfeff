import { test } from 'node:test';
import assert from 'node:assert/strict';
import type os from 'node:os';
import { localSubnets, subnetsFromInterfaces } from '../../../electron/core/discovery/interfaces.js';

function v4(address: string, netmask: string, internal = false): os.NetworkInterfaceInfo {
  const bits = netmask.split('.').reduce((n, o) => n + Number(o).toString(2).replace(/0/g, '').length, 0);
  return { address, netmask, family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/${bits}` };
}

test('LAN subnets are kept; loopback, link-local, IPv6 and point-to-point are not', () => {
  const subnets = subnetsFromInterfaces({
    lo: [v4('127.0.0.1', '255.0.0.0', true)],
    eth0: [
      v4('192.168.1.23', '255.255.255.0'),
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
    ],
    eth1: [v4('169.254.10.2', '255.255.0.0')],
    tun0: [v4('10.8.0.5', '255.255.255.255')],
    wlan0: [v4('10.0.5.9', '255.255.255.128')],
  });
  assert.deepEqual(subnets, [
    { iface: 'eth0', address: '192.168.1.23', cidr: '192.168.1.0/24', prefix: 24, clamped: false },
    { iface: 'wlan0', address: '10.0.5.9', cidr: '10.0.5.0/25', prefix: 25, clamped: false },
  ]);
});

test('a subnet wider than /24 is narrowed to the /24 around the address, and says so', () => {
  const [subnet] = subnetsFromInterfaces({ eth0: [v4('10.20.30.40', '255.255.0.0')] });
  assert.ok(subnet);
  assert.equal(subnet.cidr, '10.20.30.0/24');
  assert.equal(subnet.prefix, 16);
  assert.equal(subnet.clamped, true);
  assert.match(subnet.note ?? '', /eth0 is on a \/16 network; only 10\.20\.30\.0\/24/);
});

test('the prefix comes from the netmask when cidr is missing; the same subnet twice is listed once', () => {
  const noCidr = { ...v4('192.168.7.2', '255.255.255.0'), cidr: null };
  const subnets = subnetsFromInterfaces({ eth0: [noCidr], br0: [v4('192.168.7.3', '255.255.255.0')] });
  assert.deepEqual(subnets.map((s) => [s.iface, s.cidr]), [['eth0', '192.168.7.0/24']]);
  assert.deepEqual(subnetsFromInterfaces({ eth0: [{ ...noCidr, netmask: '255.0.255.0' }] }), []);
});

test('the wrapper reads this machine without loopback entries', () => {
  for (const subnet of localSubnets()) {
    assert.ok(!subnet.cidr.startsWith('127.'), subnet.cidr);
    assert.match(subnet.cidr, /^\d+\.\d+\.\d+\.\d+\/(2[4-9]|30)$/);
  }
});
