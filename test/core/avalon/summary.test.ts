import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSummary } from '../../../electron/core/avalon/summary.js';
import { SummarySchema } from '../../../electron/contract/snapshot.js';
import { captureJson, nano3Lines, parsePythonRepr, withWarnings } from './fixtures.js';

const close = (a: number | undefined, b: number): void => assert.ok(a !== undefined && Math.abs(a - b) < 1e-6, `${a} != ${b}`);

describe('parseSummary', () => {
  it('reads the Avalon Q in standby: 5s and 1m at 0 while the average stays high', () => {
    const { value: summary, warnings } = withWarnings((warn) => parseSummary(captureJson('avalonq_summary.json'), warn));
    assert.deepEqual(warnings, []);
    assert.equal(SummarySchema.safeParse(summary).success, true);
    assert.equal(summary.ghs5s, 0);
    assert.equal(summary.ghs1m, 0);
    close(summary.ghs15m, 52.68637);
    close(summary.ghsAvg, 44539.60186);
    assert.equal(summary.elapsedS, 37714);
    assert.equal(summary.accepted, 890);
    assert.equal(summary.rejected, 2);
    assert.equal(summary.bestShare, 354914572);
    assert.equal(summary.difficultyAccepted, 368550176);
    assert.equal(summary.foundBlocks, 0);
  });

  it('reads the Nano 3 summary (Python repr, tail restored)', () => {
    const summary = parseSummary(parsePythonRepr(`${nano3Lines().summary}],'id':1}`));
    close(summary.ghs5s, 2759.12301);
    close(summary.ghs1m, 2410.31307);
    close(summary.ghsAvg, 3961.11558);
    assert.equal(summary.hardwareErrors, 301);
    assert.equal(summary.hardwarePercent, 0.0001);
    assert.equal(summary.stale, 9);
  });

  it('matches the short-window key by pattern (MHS 30s on A-series) and accepts numeric strings', () => {
    const summary = parseSummary({ SUMMARY: [{ 'MHS 30s': '197497926.49', 'MHS 1m': 'n/a', Elapsed: 'NaN', Accepted: 'Infinity' }] });
    close(summary.ghs5s, 197497.92649);
    assert.deepEqual(Object.keys(summary), ['ghs5s']);
  });

  it('returns an empty summary with a warning for malformed replies', () => {
    assert.deepEqual(withWarnings((warn) => parseSummary({ SUMMARY: { 'MHS av': 1 } }, warn)), { value: {}, warnings: ['SUMMARY: expected a list, got an object'] });
    assert.deepEqual(withWarnings((warn) => parseSummary(undefined, warn)), { value: {}, warnings: [] });
    assert.deepEqual(withWarnings((warn) => parseSummary({ SUMMARY: [[1, 2]] }, warn)), { value: {}, warnings: ['SUMMARY: ignored 1 entry that is not an object'] });
  });
});
