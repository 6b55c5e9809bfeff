// The plain-text health report printed by `hearth diag`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatHealthReport } from '../../../electron/core/diagnostics/report-text.js';
import { buildHealthReport } from '../../../electron/core/diagnostics/report.js';
import { a1566Snapshot } from './helpers.js';

test('one line per check, the next step only under checks that did not pass', () => {
  const text = formatHealthReport(buildHealthReport({ deviceId: '192.0.2.10:4028', generatedAt: 1, snapshot: a1566Snapshot() }));
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'Health of 192.0.2.10:4028 (AvalonMiner 1566, firmware 24102401_25462b2_9ddf522): WARN');
  assert.equal(lines.filter((l) => /^ {2}(PASS|WARN|FAIL| \?\? ) {2}/.test(l)).length, 13);
  assert.equal(lines[1], '  PASS  Run state: MM ID0 is hashing.');
  const exposure = lines.findIndex((l) => l.startsWith('  WARN  Who can change this device'));
  assert.match(lines[exposure + 1] ?? '', /^ {8}Next: Keep the device off the internet/);
  assert.equal(lines.filter((l) => l.includes('Next:')).length, 1);
});

test('an unreadable device prints its connection failure', () => {
  const text = formatHealthReport(buildHealthReport({ deviceId: '192.0.2.99:4028', generatedAt: 1, pollError: { kind: 'timeout', message: '192.0.2.99:4028: no answer' } }));
  assert.match(text, /^Health of 192\.0\.2\.99:4028 \(unknown\): FAIL\n {2}FAIL {2}Connection: The device did not answer in time/);
});
