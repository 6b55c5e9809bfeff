import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressError, parseDeviceAddress } from '../../../electron/core/fleet/address.js';

test('addresses are canonical: default port, lower case, no trailing dot, IPv6 in brackets', () => {
  const id = (text: string, port?: number) => parseDeviceAddress(text, port).id;
  assert.equal(id('192.168.1.20'), '192.168.1.20:4028');
  assert.equal(id(' 192.168.1.20:4029 '), '192.168.1.20:4029');
  assert.equal(id('192.168.1.20', 4030), '192.168.1.20:4030');
  assert.equal(id('Avalon-Q.Lan.'), 'avalon-q.lan:4028');
  assert.equal(id('::1'), '[::1]:4028');
  assert.equal(id('[0:0::1]:4029'), '[::1]:4029');
  assert.deepEqual(parseDeviceAddress('[fe80::1]'), { host: 'fe80::1', port: 4028, id: '[fe80::1]:4028' });
});

test('bad addresses and conflicting ports are refused with the reason', () => {
  const cases: [string, number | undefined, RegExp][] = [
    ['', undefined, /not an IP address or host name/],
    ['10.0.0.256', undefined, /not an IP address or host name/],
    ['010.0.0.1', undefined, /not an IP address or host name/],
    ['my miner', undefined, /not an IP address or host name/],
    ['10.0.0.1:70000', undefined, /invalid port "70000"/],
    ['10.0.0.1:x', undefined, /invalid port "x"/],
    ['10.0.0.1:4029', 4028, /names port 4029 but port 4028 was given/],
    ['10.0.0.1', 0, /invalid port 0/],
  ];
  for (const [text, port, message] of cases) {
    assert.throws(() => parseDeviceAddress(text, port), (e: unknown) => e instanceof AddressError && message.test(e.message), text);
  }
});
