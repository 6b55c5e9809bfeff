import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseStats } from '../../../electron/core/avalon/estats.js';
import { findModel, findUsbModel, MODELS, modelById, ratedThs, ratingApplies, type AvalonFamily, type AvalonModel, type ControlId } from '../../../electron/core/avalon/models.js';
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
    // Without a bin in MODEL the catalog's nominal (the top bin) applies.
    assert.equal(ratedThs(a1246, '1246'), 90);
    assert.equal(ratedThs(q, 'Q'), 90);
    const unrated = modelById('a1126pro');
    assert.ok(unrated);
    assert.equal(ratedThs(unrated, '1126Pro'), undefined);
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

const jPerTh = (m: AvalonModel): number | undefined =>
  m.nominalThs !== null && m.nominalW !== null ? m.nominalW / m.nominalThs : undefined;

function model(id: string): AvalonModel {
  const m = modelById(id);
  assert.ok(m, id);
  return m;
}

describe('model ratings', () => {
  // Wall J/TH each generation's ratings should fall in (docs/models.md "Ratings"):
  // 28/16 nm controller-era modules ~85-160, A10 ~65, A11 ~40-55, A12 ~38,
  // A13 25-30, A14 ~21.5, the K230 home miners 18-35.
  const BANDS: Record<AvalonFamily, [number, number] | undefined> = {
    'usb-icarus': undefined,
    'usb-avam': undefined,
    avalon7: [120, 170],
    avalon8: [85, 115],
    avalon9: [75, 100],
    a10: [55, 75],
    a11: [38, 60],
    a12: [33, 45],
    a13: [22, 32],
    a14: [18, 24],
    a15: [15, 22],
    nano3: [15, 40],
    mm319: [15, 40],
  };

  it('gives every network model with both figures a J/TH plausible for its generation', () => {
    const rated = MODELS.filter((m) => jPerTh(m) !== undefined);
    assert.ok(rated.length >= 20, `${rated.length} rated models`);
    for (const m of rated) {
      const band = BANDS[m.family];
      assert.ok(band, `${m.id}: no band for ${m.family}`);
      const j = jPerTh(m) ?? NaN;
      assert.ok(j >= band[0] && j <= band[1], `${m.id}: ${j.toFixed(1)} J/TH outside ${band.join('-')}`);
    }
  });

  it('has each generation more efficient than the one before', () => {
    const order: AvalonFamily[] = ['avalon7', 'avalon8', 'avalon9', 'a10', 'a11', 'a12', 'a13', 'a14'];
    const best = order.map((f) => Math.min(...MODELS.filter((m) => m.family === f).map((m) => jPerTh(m) ?? Infinity)));
    for (let i = 1; i < best.length; i++) assert.ok(best[i]! < best[i - 1]!, `${order[i]} ${best[i]} vs ${order[i - 1]} ${best[i - 1]}`);
  });

  it('carries the sourced figures of key models', () => {
    // ZEUS-A13: Canaan's A13 launch, 110 TH/s at 30 J/TH and 130 TH/s at 25 J/TH.
    assert.deepEqual([model('a1346').nominalThs, model('a1346').nominalW], [110, 3300]);
    assert.deepEqual([model('a1366').nominalThs, model('a1366').nominalW], [130, 3250]);
    // AMV (ASICMinerValue via Cr1mson48/asics_tg): AvalonMiner 1246, 90 TH/s, 3420 W.
    assert.deepEqual([model('a1246').nominalThs, model('a1246').nominalW], [90, 3420]);
    // DCENTRAL-1466: "150 TH/s nameplate at 3230 W ±10%, 21.5 J/TH".
    assert.deepEqual([model('a1466').nominalThs, model('a1466').nominalW], [150, 3230]);
    // CANAAN-Q / CANAAN-SHOP-Q: Avalon Q 90 TH/s, 1674 W (18.6 J/TH) at the wall.
    assert.deepEqual([model('avalon-q').nominalThs, model('avalon-q').nominalW], [90, 1674]);
    // CANAAN-SHOP-NANO3: Nano 3S 6 TH/s at 140 W.
    assert.deepEqual([model('nano3s').nominalThs, model('nano3s').nominalW], [6, 140]);
    // RESELLER-A721: "6TH/S (-5% to +10%)", wall "900W (-5% to +15%)", per module.
    assert.deepEqual([model('a721').nominalThs, model('a721').nominalW], [6, 900]);
    // DCENTRAL-1566: nominal 185 TH/s; no readable source gives its power.
    assert.deepEqual([model('a1566').nominalThs, model('a1566').nominalW], [185, null]);
  });

  it('names a declared mode for ratings that belong to one mode', () => {
    const withRatedAt = MODELS.filter((m) => m.ratedAt !== undefined).map((m) => m.id);
    assert.deepEqual(withRatedAt, ['nano3', 'nano3s', 'mini3', 'avalon-q']);
    for (const m of MODELS) {
      if (m.ratedAt === undefined) continue;
      const { workmode, worklevel } = m.ratedAt;
      assert.ok(workmode !== undefined || worklevel !== undefined, m.id);
      if (workmode !== undefined) assert.ok(m.workModes?.some((x) => x.value === workmode), `${m.id} workmode ${workmode}`);
      if (worklevel !== undefined) assert.ok(m.workLevels?.some((x) => x.value === worklevel), `${m.id} worklevel ${worklevel}`);
    }
    assert.equal(model('avalon-q').workModes?.find((x) => x.value === model('avalon-q').ratedAt?.workmode)?.name, 'Super');
  });

  it('applies a home miner rating only in its rated mode; single-point ratings always apply', () => {
    const q = model('avalon-q');
    assert.equal(ratingApplies(q, 2), true);
    assert.equal(ratingApplies(q, 0), false, 'Eco is not the rated Super mode');
    assert.equal(ratingApplies(q), true, 'an unreported mode is not held against the unit');
    const mini3 = model('mini3');
    assert.equal(ratingApplies(mini3, 1, 0), true);
    assert.equal(ratingApplies(mini3, 1, -1), false, 'Eco level');
    assert.equal(ratingApplies(mini3, 0, 0), false, 'Heating mode');
    const nano3 = model('nano3');
    assert.equal(ratingApplies(nano3, undefined, 2), true);
    assert.equal(ratingApplies(nano3, undefined, 1), false);
    assert.equal(ratingApplies(model('a1246'), 0), true);
  });

  it("counts the USB sticks' chips as Canaan's firmware does (NANO-FW-ASIC)", () => {
    assert.equal(model('nano1').chipsPerBoard, 1);
    assert.equal(model('nano2').chipsPerBoard, 1);
    assert.equal(model('avalon4-mini').chipsPerBoard, 5);
  });

  it('agrees with the ratings table of docs/models.md, figure by figure and source by source', () => {
    const doc = readFileSync(new URL('../../../docs/models.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Ratings'), doc.indexOf('### Disagreements'));
    const rows = section.split('\n').filter((line) => /^\| `[a-z0-9-]+` \|/.test(line));
    const figure = (cell: string): number | null => (cell === 'unknown' ? null : Number(cell));
    const seen = new Set<string>();
    for (const row of rows) {
      const [id = '', ths = '', w = '', , , sources = ''] = row.split('|').slice(1).map((c) => c.trim());
      const m = model(id.replaceAll('`', ''));
      seen.add(m.id);
      assert.equal(figure(ths), m.nominalThs, `${m.id} TH/s`);
      assert.equal(figure(w), m.nominalW, `${m.id} W`);
      for (const tag of sources === '-' ? [] : sources.split(';').map((t) => t.trim())) {
        assert.ok(m.sources.includes(tag), `${m.id} cites ${tag} in docs but not in sources`);
      }
    }
    assert.deepEqual([...seen].sort(), MODELS.map((m) => m.id).sort());
  });
});
