import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVersion } from '../../../electron/core/avalon/version.js';
import { DeviceIdentitySchema } from '../../../electron/contract/snapshot.js';
import { captureJson, captureText, nano3Lines, parsePythonRepr, parseTextReply } from './fixtures.js';

describe('parseVersion', () => {
  it('reads the A1566 identity', () => {
    const warnings: string[] = [];
    const identity = parseVersion(captureJson('a1566-version.json'), (w) => warnings.push(w));
    assert.deepEqual(warnings, []);
    assert.deepEqual(identity, {
      modelId: 'a1566',
      product: 'AvalonMiner 15-194',
      modelCode: '15-194',
      firmware: '24102401_25462b2_9ddf522',
      hwType: 'MM4v2_X3',
      swType: 'MM319',
      cgminerVersion: '4.11.1',
      apiVersion: '3.7',
      dna: '020100008c699117',
      mac: '123456789012',
    });
  });

  it('reads the Avalon Q identity, whose firmware is only in CGVERSION/LVERSION', () => {
    const identity = parseVersion(captureJson('avalonq_version.json'));
    assert.equal(identity.modelId, 'avalon-q');
    assert.equal(identity.product, 'Avalon Q');
    assert.equal(identity.modelCode, 'Q');
    assert.equal(identity.firmware, '25052801_14a19a2');
    assert.equal(identity.hwType, 'Q_MM1v1_X1');
    assert.equal(identity.mac, 'AA:BB:CC:DD:EE:FF');
    assert.equal(DeviceIdentitySchema.safeParse(identity).success, true);
  });

  it("reads the Nano 3's odd identity (PROD Avalon0o, MODEL 0o3, no DNA or MAC)", () => {
    const identity = parseVersion(parsePythonRepr(nano3Lines().version));
    assert.deepEqual(identity, {
      modelId: 'nano3',
      product: 'Avalon0o',
      modelCode: '0o3',
      firmware: '24071801_42c628d',
      hwType: 'PMMv1_X1',
      swType: 'MM318_X2',
      cgminerVersion: '4.11.1',
      apiVersion: '3.7',
    });
  });

  it('reads the Mini 3 identity from the text form', () => {
    const line = captureText('mini3_version_devdetails_stats_text_TRUNCATED.txt').split(/\r?\n/)[0] ?? '';
    const identity = parseVersion(parseTextReply(line));
    assert.equal(identity.modelId, 'mini3');
    assert.equal(identity.product, 'Avalon Mini3');
    assert.equal(identity.firmware, '25011701_3f53b19');
    assert.equal(identity.dna, '020100008644e532');
    assert.equal(identity.mac, 'e0e1a93e2c7d');
  });

  it('accepts the misspelt VERION key of a 2019 build', () => {
    const identity = parseVersion({ VERSION: [{ PROD: 'AvalonMiner 1047', MODEL: '1047', VERION: '19101401_abc1234_def5678' }] });
    assert.equal(identity.firmware, '19101401_abc1234_def5678');
    assert.equal(identity.modelId, 'a1047');
  });

  it('gives an unknown identity for a plain cgminer and for garbage', () => {
    const plain = { STATUS: [{ STATUS: 'S', Code: 22 }], VERSION: [{ CGMiner: '4.11.1', API: '3.7' }] };
    assert.deepEqual(parseVersion(plain), { modelId: 'unknown', cgminerVersion: '4.11.1', apiVersion: '3.7' });
    assert.deepEqual(parseVersion(undefined), { modelId: 'unknown' });
    const warnings: string[] = [];
    assert.deepEqual(parseVersion({ VERSION: 'x' }, (w) => warnings.push(w)), { modelId: 'unknown' });
    assert.deepEqual(warnings, ['VERSION: expected a list, got string']);
    const odd = parseVersion({ VERSION: [{ PROD: 7, MODEL: ['Q'], DNA: '  ', MAC: null }] });
    assert.deepEqual(odd, { modelId: 'unknown', product: '7' });
  });
});
