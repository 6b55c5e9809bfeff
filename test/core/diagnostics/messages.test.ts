// Every health check carries its texts twice: as English (for the CLI,
// bundles and older readers) and as keys with parameters (for translation).
// Over the real captures, every simulator fault mode and every connection
// failure, the English is exactly what the keyed text renders to, and every
// key is in the catalog the renderer's dictionaries are checked against.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HealthReport } from '../../../electron/contract/diagnostics.js';
import { DeviceErrorKindSchema } from '../../../electron/contract/fleet.js';
import { HealthReportSchema } from '../../../electron/contract/diagnostics.js';
import type { MessageParam, MessageText } from '../../../electron/contract/message-text.js';
import { HEALTH_MESSAGE_KEYS, healthEnglish } from '../../../electron/core/diagnostics/messages.js';
import { buildHealthReport, runHealthCheck } from '../../../electron/core/diagnostics/report.js';
import { FAULTS } from '../../../electron/core/sim/faults.js';
import { a1566Snapshot, nano3sSnapshot, startSim, type SimHarness } from './helpers.js';

const MODELS = ['a1246', 'a1566', 'nano3s', 'avalon-q'];
const KNOWN = new Set<string>(HEALTH_MESSAGE_KEYS);
let h: SimHarness;

before(async () => {
  h = await startSim('127.0.55.1', MODELS, 5);
});
after(async () => {
  await h.sim.close();
});

/** Every key used in a text, nested ones included. */
function keysOf(text: MessageText, out: Set<string>): Set<string> {
  out.add(text.key);
  const visit = (p: MessageParam): void => {
    if (typeof p === 'string' || typeof p === 'number') return;
    if ('items' in p) p.items.forEach(visit);
    else keysOf(p, out);
  };
  Object.values(text.params ?? {}).forEach(visit);
  return out;
}

/** Asserts the keyed texts of a report render to its English, and returns the keys it used. */
function checkReport(report: HealthReport, used: Set<string>): void {
  assert.ok(HealthReportSchema.safeParse(report).success, 'the contract accepts the keyed texts');
  for (const c of report.checks) {
    const where = `${report.modelId} ${c.id}`;
    assert.ok(c.titleText && c.explanationText && c.nextStepText, `${where} has keyed texts`);
    assert.equal(healthEnglish(c.titleText), c.title, where);
    assert.equal(healthEnglish(c.explanationText), c.explanation, where);
    assert.equal(healthEnglish(c.nextStepText), c.nextStep, where);
    for (const t of [c.titleText, c.explanationText, c.nextStepText]) keysOf(t, used);
    // Each figure's label is keyed, and renders to the key old readers see; worded values render to the value.
    for (const [label, value] of Object.entries(c.details ?? {})) {
      const labelText = c.detailLabels?.[label];
      assert.ok(labelText, `${where}: label of ${label}`);
      assert.equal(healthEnglish(labelText), label);
      keysOf(labelText, used);
      const valueText = c.detailValues?.[label];
      if (valueText !== undefined) {
        assert.equal(healthEnglish(valueText), String(value), `${where}: value of ${label}`);
        keysOf(valueText, used);
      }
    }
    assert.deepEqual(Object.keys(c.detailLabels ?? {}), Object.keys(c.details ?? {}), `${where}: no label without a figure`);
  }
  for (const d of report.decodedErrors) {
    for (const m of d.meanings) {
      assert.ok(m.meaningText, `${d.field} ${d.code} has a keyed meaning`);
      assert.equal(healthEnglish(m.meaningText), m.meaning);
      keysOf(m.meaningText, used);
    }
  }
}

test('every fault mode on every model: the English is the keyed text rendered, every key is in the catalog', async () => {
  const used = new Set<string>();
  for (const fault of FAULTS) {
    for (let i = 0; i < MODELS.length; i++) await h.sim.setFault(i, fault);
    h.advance(600_000);
    for (const target of h.sim.targets) {
      const { report } = await runHealthCheck(target, { probePools: false, timeoutMs: 1500, now: () => h.clock.t });
      checkReport(report, used);
    }
  }
  for (const snapshot of [a1566Snapshot(), nano3sSnapshot()]) checkReport(buildHealthReport({ deviceId: 'capture', generatedAt: 0, snapshot }), used);
  // Probe results worded by Hearth: the pool figures and the probe's answer.
  const probed = buildHealthReport({
    deviceId: 'capture',
    generatedAt: 0,
    snapshot: a1566Snapshot(),
    poolProbes: [
      { index: 0, url: 'stratum+tcp://a:1', reachable: true, connectMs: 3, subscribeMs: 1500 },
      { index: 1, url: 'stratum+tcp://b:1', reachable: false, error: { kind: 'timeout', message: 'b:1: no connection within 5000 ms' } },
    ],
    exposureProbe: { sent: 'check|ascset', access: 'allowed', detail: 'the device says this computer may run ascset' },
  });
  checkReport(probed, used);
  const pools = probed.checks.find((c) => c.id === 'pools');
  assert.equal(pools?.details?.['pool 0'], 'reachable, 1500 ms');
  assert.equal(pools?.detailValues?.['pool 1']?.key, 'health.detail.unreachable');
  for (const kind of DeviceErrorKindSchema.options) {
    const report = buildHealthReport({ deviceId: '10.0.0.9:4028', generatedAt: 0, pollError: { kind, message: '10.0.0.9:4028: as the transport said' } });
    checkReport(report, used);
    assert.equal(report.checks[0]?.explanationText?.params?.['message'], '10.0.0.9:4028: as the transport said', 'the transport\'s words stay a parameter');
  }
  const unknown = [...used].filter((k) => !KNOWN.has(k));
  assert.deepEqual(unknown, []);
  // The scenarios reach a good part of the catalog (the rest is covered key by key in test/renderer/src/i18n/core-text.test.ts).
  assert.ok(used.size >= 60, `keys used: ${used.size}`);
});

test('the device\'s own status words stay untranslated parameters', () => {
  const snapshot = a1566Snapshot();
  const m = snapshot.modules[0];
  assert.ok(m);
  m.raw['SYSTEMSTATU'] = 'Work: Out Over Hot';
  const run = buildHealthReport({ deviceId: 'x', generatedAt: 0, snapshot }).checks.find((c) => c.id === 'run-state');
  const item = (run?.explanationText?.params?.['items'] as { items: MessageText[] } | undefined)?.items[0];
  assert.equal(item?.key, 'health.runState.overHot');
  assert.equal(item?.params?.['shown'], 'Work: Out Over Hot');
});
