import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifyAvalon } from '../../../electron/core/avalon/identify.js';
import { captureJson, captureText, nano3Lines, parsePythonRepr, parseTextReply } from './fixtures.js';

// A real upstream cgminer 4.11.1 on loopback answers `version` like this
// (shared/docs/protocol-notes.md, "CGMiner API").
const plainCgminer = {
  STATUS: [{ STATUS: 'S', When: 1764000000, Code: 22, Msg: 'CGMiner versions', Description: 'cgminer 4.11.1' }],
  VERSION: [{ CGMiner: '4.11.1', API: '3.7' }],
  id: 1,
};

describe('identifyAvalon', () => {
  it('recognises every captured Avalon from its version reply', () => {
    const mini3 = parseTextReply(captureText('mini3_version_devdetails_stats_text_TRUNCATED.txt').split(/\r?\n/)[0] ?? '');
    const cases: [string, Record<string, unknown>][] = [
      ['a1566', captureJson('a1566-version.json')],
      ['avalon-q', captureJson('avalonq_version.json')],
      ['nano3', parsePythonRepr(nano3Lines().version)],
      ['mini3', mini3],
    ];
    for (const [id, reply] of cases) assert.equal(identifyAvalon(reply)?.modelId, id, id);
  });

  it('accepts an unknown model whose PROD says Avalon', () => {
    const identity = identifyAvalon({ VERSION: [{ CGMiner: '4.11.1', PROD: 'AvalonMiner 1966', MODEL: '1966' }] });
    assert.deepEqual(identity, { modelId: 'unknown', product: 'AvalonMiner 1966', modelCode: '1966', cgminerVersion: '4.11.1' });
  });

  it('says no to a plain cgminer, to other miners and to non-replies', () => {
    assert.equal(identifyAvalon(plainCgminer), null);
    assert.equal(identifyAvalon({ VERSION: [{ CGMiner: '4.9.0', API: '3.7', Miner: 'bmminer 1.0.0' }] }), null);
    assert.equal(identifyAvalon({}), null);
    assert.equal(identifyAvalon({ VERSION: 'garbage' }), null);
    assert.equal(identifyAvalon(plainCgminer, { STATS: [{ ID: 'BM10', Elapsed: 5 }] }), null);
  });

  it('recognises a controller-era rig from its stats when version looks upstream', () => {
    const stats = {
      STATS: [{ STATS: 0, ID: 'AV70', 'MM ID1': 'Ver[7411706-3162860] DNA[013f06349f5346f9] Temp[33]', 'MM Count': 1 }],
    };
    assert.deepEqual(identifyAvalon(plainCgminer, stats), { modelId: 'a741', cgminerVersion: '4.11.1', apiVersion: '3.7' });
    const bareDriver = { STATS: [{ STATS: 0, ID: 'AV80', Elapsed: 3 }] };
    assert.equal(identifyAvalon(plainCgminer, bareDriver)?.modelId, 'unknown');
  });
});
