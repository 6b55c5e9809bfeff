import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistorySeries } from '../../../electron/contract/history.js';
import { csvCell, eventsToCsv, seriesToCsv } from '../../../electron/core/history/csv.js';

test('a chart series becomes one row per point with ISO times and min/max columns for gauges', () => {
  const series: HistorySeries = {
    target: 'fleet',
    from: Date.UTC(2026, 0, 1),
    to: Date.UTC(2026, 0, 1, 0, 3),
    tier: '1m',
    bucketMs: 60_000,
    t: [Date.UTC(2026, 0, 1, 0, 0), Date.UTC(2026, 0, 1, 0, 1), Date.UTC(2026, 0, 1, 0, 2)],
    series: [
      { metric: 'ghs', value: [101000.25, null, -0.5], min: [100000, null, -1], max: [102000.5, null, 0] },
      { metric: 'accepted', value: [12, 0, null] },
      { metric: 'jPerTh', value: [18.4, null, Number.NaN] },
    ],
  };
  assert.equal(
    seriesToCsv(series),
    [
      'time,ghs,ghs_min,ghs_max,accepted,jPerTh',
      '2026-01-01T00:00:00.000Z,101000.25,100000,102000.5,12,18.4',
      '2026-01-01T00:01:00.000Z,,,,0,',
      '2026-01-01T00:02:00.000Z,-0.5,-1,0,,',
      '',
    ].join('\r\n'),
  );
  assert.equal(seriesToCsv({ ...series, t: [], series: [] }), 'time\r\n');
});

test('text cells are quoted when needed and never start a spreadsheet formula', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell(-3), '-3', 'numbers are numbers, minus sign and all');
  assert.equal(csvCell(Number.POSITIVE_INFINITY), '');
  assert.equal(csvCell(null), '');
});

test('the event list exports with device, severity, escaped message and JSON data', () => {
  const csv = eventsToCsv([
    {
      id: 2,
      deviceId: '192.168.1.20:4028',
      at: Date.UTC(2026, 4, 2, 3, 4, 5, 6),
      kind: 'alert.raised',
      severity: 'critical',
      message: 'Overheating, "91 °C"',
      data: { rule: 'temp', value: 91 },
    },
    { id: 1, at: Date.UTC(2026, 4, 2), kind: 'app.started', severity: 'info', message: '-started' },
  ]);
  assert.equal(
    csv,
    [
      'time,device,kind,severity,message,data',
      '2026-05-02T03:04:05.006Z,192.168.1.20:4028,alert.raised,critical,"Overheating, ""91 °C""","{""rule"":""temp"",""value"":91}"',
      "2026-05-02T00:00:00.000Z,,app.started,info,'-started,",
      '',
    ].join('\r\n'),
  );
});
