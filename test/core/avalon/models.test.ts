import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStats } from '../../../electron/core/avalon/estats.js';
import { findModel, findUsbModel, MODELS, modelById, ratedThs, type ControlId } from '../../../electron/core/avalon/models.js';
import { parseVersion } from '../../../electron/core/avalon/version.js';
import { captureJson, captureText, joinWrappedLines, nano3Lines, parsePythonRepr, parseTextReply, statsReplyWith } from './fixtures.js';

const CONTROLS: readonly ControlId[] = ['workmode', 'worklevel', 'fan', 'target-temp', 'led', 'reboot', 'softoff', 'softon', 'freq', 'voltage', 'pools'];

describe('model catalog', () => {
  it('has unique ids and every model has sources, a family and valid controls', () => {
    assert.equal(new Set(MODELS.map((m) => m.id)).size, MODELS.length);
    for (const m of MODELS) {
      assert.ok(m.sources.length > 0, `${m.id} has no sources`);
      assert.ok(m.displayName.length > 0);
      for (const c of m.controls) assert.ok(CONTROLS.includes(c), `${m.id}: ${c}`);
      assert.equal(new Set(m.controls).size, m.controls.length, `${m.id} repeats a control`);
      for (const figure of [m.nominalThs, m.nominalW, m.hashBoards, m.chipsPerBoard, m.fans]) {
        assert.ok(figure === null || (Number.isFinite(figure) && figure > 0), `${m.id}: ${String(figure)}`);
      }
    }
  });

  it('covers the models the app must know', () => {
    const ids = [
      'nano1', 'nano2', 'nano3-usb', 'avalon4-mini',
      'a721', 'a741', 'a761', 'a821', 'a841', 'a851', 'a911', 'a920', 'a921',
      'a1026', 'a1047', 'a1066', 'a1126pro', 'a1146pro', 'a1166pro', 'a1246', 'a1346', 'a1366', 'a1466', 'a1566',
      'nano3', 'nano3s', 'mini3', 'avalon-q',
    ];
    for (const id of ids) assert.equal(modelById(id)?.id, id);
    assert.equal(modelById('nope'), undefined);
  });

  it('maps every reported identity back to its own model', () => {
    for (const m of MODELS) {
      const r = m.reported;
      if (r === undefined) continue;
      if (r.product !== undefined || r.modelCode !== undefined) {
        assert.equal(findModel({ product: r.product, modelCode: r.modelCode, hwType: r.hwType })?.id, m.id, `${m.id} by version`);
      }
      if (r.moduleVer !== undefined) {
        const ver = /\d$/.test(r.moduleVer) ? `${r.moduleVer}1706-3162860` : `${r.moduleVer}24102401_25462b2`;
        assert.equal(findModel({}, ver)?.id, m.id, `${m.id} by Ver ${ver}`);
      }
    }
  });

  it("maps each capture's version reply to the right model", () => {
    const mini3 = parseTextReply(captureText('mini3_version_devdetails_stats_text_TRUNCATED.txt').split(/\r?\n/)[0] ?? '');
    assert.equal(parseVersion(captureJson('a1566-version.json')).modelId, 'a1566');
    assert.equal(parseVersion(captureJson('avalonq_version.json')).modelId, 'avalon-q');
    assert.equal(parseVersion(parsePythonRepr(nano3Lines().version)).modelId, 'nano3');
    assert.equal(parseVersion(mini3).modelId, 'mini3');
  });

  it('maps the module versions seen in stats captures', () => {
    assert.equal(findModel({}, 'Nano3s-25021401_56abae7')?.id, 'nano3s');
    assert.equal(findModel({}, 'nano3-24071801_42c628d')?.id, 'nano3');
    assert.equal(findModel({}, 'Q-25052801_14a19a2')?.id, 'avalon-q');
    assert.equal(findModel({}, 'Mini3-25011701_3f53b19')?.id, 'mini3');
    assert.equal(findModel({}, '15-194-24102401_25462b2_9ddf522')?.id, 'a1566');
    assert.equal(findModel({}, '1246-87-21042001_4ec6bb0_4ef5ed0')?.id, 'a1246');
    assert.equal(findModel({}, '9211809-b7ea8d8')?.id, 'a921');
    assert.equal(findModel({}, 'garbage'), undefined);
  });

  it('matches PROD and MODEL variants: A1246 bins, 1166Pro spelling, A1346 bins', () => {
    assert.equal(findModel({ product: 'AvalonMiner 1246-81' })?.id, 'a1246');
    assert.equal(findModel({ modelCode: '1246-83' })?.id, 'a1246');
    assert.equal(findModel({ product: 'AvalonMiner 1166Pro' })?.id, 'a1166pro');
    assert.equal(findModel({ modelCode: '1346-116' })?.id, 'a1346');
    assert.equal(findModel({ product: 'Avalon Nano3s', modelCode: 'Nano3s' })?.id, 'nano3s');
    assert.equal(findModel({ product: 'AvalonMiner 1966' }), undefined);
  });

  it('finds USB models by VID:PID', () => {
    assert.equal(findUsbModel(0x29f1, 0x33f3)?.id, 'nano2');
    assert.equal(findUsbModel(0x29f1, 0x40f1)?.id, 'avalon4-mini');
    assert.equal(findUsbModel(0x1fc9, 0x0083)?.id, 'nano1');
    assert.equal(findUsbModel(0x29f1, 0x33f2), undefined);
  });

  it('reads the rated TH/s bin from MODEL where the model encodes one', () => {
    const a1566 = modelById('a1566');
    const a1246 = modelById('a1246');
    const q = modelById('avalon-q');
    assert.ok(a1566 && a1246 && q);
    assert.equal(ratedThs(a1566, '15-194'), 194);
    assert.equal(ratedThs(a1566, '1566'), 185);
    assert.equal(ratedThs(a1566), 185);
    assert.equal(ratedThs(a1246, '1246-83'), 83);
    assert.equal(ratedThs(a1246, '1246'), undefined);
    assert.equal(ratedThs(q, 'Q'), undefined);
  });

  it('uses PS slot 5 for wall power only on the Nano 3', () => {
    const slot5 = MODELS.filter((m) => m.psWallPowerSlot === 5).map((m) => m.id);
    assert.deepEqual(slot5, ['nano3']);
  });

  it('records observed figures that agree with the captures they cite', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['a1566', captureJson('a1566-estats.json')],
      ['nano3s', statsReplyWith(captureText('nano3s_mm_id0_value.txt'))],
      ['nano3', parseTextReply(joinWrappedLines(captureText('nano3_stats_text_EMAIL_WRAPPED.txt')))],
    ];
    for (const [id, reply] of cases) {
      const model = modelById(id);
      const m = parseStats(reply)[0];
      assert.ok(model?.observed && m?.ghsSpd !== undefined, id);
      assert.ok(Math.abs((model.observed.ths ?? 0) - m.ghsSpd / 1000) < 0.01, `${id} TH/s`);
      assert.equal(model.observed.w, m.powerW, `${id} W`);
    }
  });
});
