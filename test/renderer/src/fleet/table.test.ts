import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FleetRow } from '../../../../renderer/src/fleet/derive.js';
import { filterRows, nextSort, sortRows } from '../../../../renderer/src/fleet/table.js';

const row = (over: Partial<FleetRow> & Pick<FleetRow, 'id'>): FleetRow => ({
  name: over.id,
  address: over.id,
  status: 'online',
  alerts: [],
  fansRpm: [],
  ...over,
});

const rows: FleetRow[] = [
  row({ id: 'miner-10', model: 'Avalon Q', ghs5s: 90_000, pool: 'a.pool', fansRpm: [2300, 2400] }),
  row({ id: 'miner-9', model: 'AvalonMiner 15-194', ghs5s: 194_000, pool: 'b.pool', fansRpm: [4200] }),
  row({ id: 'miner-2', status: 'offline', alerts: ['offline'] }),
  row({ id: 'miner-1', model: 'Avalon Nano3s', ghs5s: 6_600, alerts: ['hot'], fansRpm: [1500] }),
];
const ids = (list: FleetRow[]) => list.map((r) => r.id);

test('names sort naturally (miner-2 before miner-10)', () => {
  assert.deepEqual(ids(sortRows(rows, { key: 'name', direction: 'ascending' })), ['miner-1', 'miner-2', 'miner-9', 'miner-10']);
  assert.deepEqual(ids(sortRows(rows, { key: 'name', direction: 'descending' })), ['miner-10', 'miner-9', 'miner-2', 'miner-1']);
});

test('numbers sort by value, and a missing value goes last either way', () => {
  assert.deepEqual(ids(sortRows(rows, { key: 'ghs5s', direction: 'descending' })), ['miner-9', 'miner-10', 'miner-1', 'miner-2']);
  assert.deepEqual(ids(sortRows(rows, { key: 'ghs5s', direction: 'ascending' })), ['miner-1', 'miner-10', 'miner-9', 'miner-2']);
  // Fans by the slowest fan: the one that matters when a fan fails.
  assert.deepEqual(ids(sortRows(rows, { key: 'fans', direction: 'ascending' })), ['miner-1', 'miner-10', 'miner-9', 'miner-2']);
});

test('status ascending puts the devices that need attention first', () => {
  assert.deepEqual(ids(sortRows(rows, { key: 'status', direction: 'ascending' })), ['miner-2', 'miner-1', 'miner-10', 'miner-9']);
});

test('the filter matches every term against name, model, address, pool and status words', () => {
  assert.deepEqual(ids(filterRows(rows, 'avalon')), ['miner-10', 'miner-9', 'miner-1']);
  assert.deepEqual(ids(filterRows(rows, 'AVALON  nano')), ['miner-1']);
  assert.deepEqual(ids(filterRows(rows, 'b.pool')), ['miner-9']);
  assert.deepEqual(ids(filterRows(rows, 'offline')), ['miner-2']);
  assert.deepEqual(ids(filterRows(rows, 'hot')), ['miner-1']);
  assert.deepEqual(ids(filterRows(rows, '离线', (r) => (r.status === 'offline' ? ['离线'] : []))), ['miner-2']);
  assert.deepEqual(ids(filterRows(rows, '   ')), ids(rows));
  assert.deepEqual(filterRows(rows, 'nothing-like-this'), []);
});

test('clicking headers: same column flips, a new one starts in its natural direction', () => {
  assert.deepEqual(nextSort({ key: 'name', direction: 'ascending' }, 'name'), { key: 'name', direction: 'descending' });
  assert.deepEqual(nextSort({ key: 'name', direction: 'descending' }, 'name'), { key: 'name', direction: 'ascending' });
  assert.deepEqual(nextSort({ key: 'name', direction: 'ascending' }, 'ghs5s'), { key: 'ghs5s', direction: 'descending' });
  assert.deepEqual(nextSort({ key: 'ghs5s', direction: 'descending' }, 'model'), { key: 'model', direction: 'ascending' });
});
