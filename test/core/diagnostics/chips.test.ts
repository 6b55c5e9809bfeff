// Heat-map data and chip outliers, on hand-made boards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Module } from '../../../electron/contract/snapshot.js';
import { TEMP_OUTLIER_C, VOLTAGE_OUTLIER_FRACTION, boardHeatMaps, boardSilent, median } from '../../../electron/core/diagnostics/chips.js';

function module(boards: Module['boards']): Module {
  return { key: 'MM ID0', state: 'work', fansRpm: [], errorCodes: { echu: [], ecmm: [] }, boards, raw: {} };
}

test('median of odd and even counts; none for no values', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), undefined);
});

test(`chips ${TEMP_OUTLIER_C} degC or ${VOLTAGE_OUTLIER_FRACTION * 100} % off the board median are flagged, silent chips too`, () => {
  const [map] = boardHeatMaps([
    module([{ index: 0, chipTempsC: [60, 61, 62, 77, 59, 0], chipVoltages: [300, 301, 299, 300, 276, 300] }]),
  ]);
  assert.ok(map !== undefined);
  assert.equal(map.medianTempC, 61);
  assert.equal(map.medianVoltage, 300);
  assert.deepEqual(
    map.outliers.map((o) => [o.chip, o.kind, o.delta, o.silent]),
    [[3, 'temperature', 16, false], [4, 'voltage', -24, false], [5, 'temperature', -61, true]],
  );
  assert.equal(boardSilent(map), false);
});

test('a board with every reading 0 is silent and has no median; boards without chip data have no map', () => {
  const maps = boardHeatMaps([module([{ index: 0, chipTempsC: [0, 0], chipVoltages: [0, 0] }, { index: 1, ghs: 10 }])]);
  assert.equal(maps.length, 1);
  assert.equal(maps[0]?.medianTempC, undefined);
  assert.deepEqual(maps[0]?.outliers, []);
  assert.equal(boardSilent(maps[0]!), true);
});
