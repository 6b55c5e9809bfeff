import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FleetDevice } from '../../../../electron/contract/fleet.js';
import type { DeviceSnapshot } from '../../../../electron/contract/snapshot.js';
import { buildSnapshot } from '../../../../electron/core/avalon/snapshot.js';
import {
  activePool,
  deviceAddress,
  deviceAlerts,
  deviceName,
  fleetTotals,
  hasFault,
  isHot,
  modelName,
  poolHost,
  toRow,
} from '../../../../renderer/src/fleet/derive.js';

// Real replies: an A1566 (version, devs, pools, estats) and an Avalon Q in standby.
const captures = join(fileURLToPath(new URL('../../../../', import.meta.url)), '..', 'shared', 'captures', 'avalon');
const capture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(captures, name), 'utf8')) as Record<string, unknown>;
const a1566 = buildSnapshot(
  { version: capture('a1566-version.json'), devs: capture('a1566-devs.json'), pools: capture('a1566-pools.json'), estats: capture('a1566-estats.json') },
  1_764_000_000_000,
);
const avalonQ = buildSnapshot({ version: capture('avalonq_version.json'), summary: capture('avalonq_summary.json'), stats: capture('avalonq_stats.json') }, 1_764_000_000_000);

function device(snapshot: DeviceSnapshot | undefined, over: Partial<FleetDevice> = {}, host = '192.168.1.20'): FleetDevice {
  return {
    record: { id: `${host}:4028`, host, port: 4028, source: 'manual', addedAt: 1 },
    status: snapshot ? 'online' : 'unknown',
    snapshot,
    consecutiveFailures: 0,
    ...over,
  };
}

/** A copy of a snapshot with one module changed. */
function withModule(s: DeviceSnapshot, change: (m: DeviceSnapshot['modules'][number]) => DeviceSnapshot['modules'][number]): DeviceSnapshot {
  return { ...s, modules: s.modules.map(change) };
}

describe('a fleet row from a real A1566 snapshot', () => {
  const row = toRow(device(a1566, { record: { id: '192.168.1.20:4028', host: '192.168.1.20', port: 4028, nickname: 'Garage', source: 'scan', addedAt: 1 } }));

  it('names, model, address and pool', () => {
    assert.equal(row.name, 'Garage');
    assert.equal(row.model, 'AvalonMiner 15-194');
    assert.equal(row.address, '192.168.1.20');
    assert.equal(row.pool, 'stratum.pool.io');
  });

  it('figures straight from the snapshot', () => {
    assert.ok(row.ghs5s !== undefined && Math.abs(row.ghs5s - 197497.92649) < 1e-6);
    assert.ok(row.ghsAvg !== undefined && Math.abs(row.ghsAvg - 192796.24736) < 1e-6);
    assert.equal(row.hottestC, 78);
    assert.deepEqual(row.fansRpm, [4275, 4282]);
    assert.equal(row.powerW, 3731);
    assert.equal(row.uptimeS, 924);
    assert.deepEqual(row.alerts, []);
  });
});

describe('alerts', () => {
  it('a healthy A1566 at 78 °C with no target has none', () => {
    assert.equal(isHot(a1566), false);
    assert.equal(hasFault(a1566), false);
  });

  it('hot: 15 °C over the device target, or 95 °C when it reports none', () => {
    assert.equal(avalonQ.modules[0]?.tempTargetC, 65);
    assert.equal(isHot(avalonQ), false); // 71 °C
    assert.equal(isHot({ ...avalonQ, derived: { ...avalonQ.derived, hottestC: 80 } }), true);
    assert.equal(isHot({ ...a1566, derived: { ...a1566.derived, hottestC: 94 } }), false);
    assert.equal(isHot({ ...a1566, derived: { ...a1566.derived, hottestC: 95 } }), true);
  });

  it('fault: a module in the fault state or any non-zero ECHU / ECMM / board code', () => {
    assert.equal(hasFault(withModule(a1566, (m) => ({ ...m, state: 'fault' }))), true);
    assert.equal(hasFault(withModule(a1566, (m) => ({ ...m, errorCodes: { echu: [0, 1, 0], ecmm: [0] } }))), true);
    assert.equal(hasFault(withModule(a1566, (m) => ({ ...m, errorCodes: { echu: [0, 0, 0], ecmm: [4] } }))), true);
    assert.equal(hasFault(withModule(a1566, (m) => ({ ...m, boards: m.boards.map((b, i) => ({ ...b, errorCode: i === 2 ? 8 : 0 })) }))), true);
  });

  it('status: offline and stale count, waiting does not', () => {
    assert.deepEqual(deviceAlerts(device(a1566, { status: 'offline' })), ['offline']);
    assert.deepEqual(deviceAlerts(device(a1566, { status: 'stale' })), ['stale']);
    assert.deepEqual(deviceAlerts(device(undefined)), []);
    assert.deepEqual(deviceAlerts(device(withModule(a1566, (m) => ({ ...m, state: 'fault' })), { status: 'stale' })), ['stale', 'fault']);
  });
});

describe('fleet totals', () => {
  it('sums online devices only, and counts devices with any alert once', () => {
    const totals = fleetTotals([
      device(a1566, {}, '10.0.0.1'),
      device(avalonQ, {}, '10.0.0.2'),
      device(a1566, { status: 'offline' }, '10.0.0.3'),
      device(withModule(a1566, (m) => ({ ...m, state: 'fault' })), { status: 'stale' }, '10.0.0.4'),
      device(undefined, {}, '10.0.0.5'),
    ]);
    assert.equal(totals.total, 5);
    assert.equal(totals.online, 2);
    assert.equal(totals.alerts, 2);
    // A1566 5 s rate + the Q's 5 s rate (0: standby).
    assert.ok(Math.abs(totals.ghs - 197497.92649) < 1e-6);
    assert.equal(totals.powerW, 3731 + 146);
    assert.deepEqual(fleetTotals([]), { ghs: 0, powerW: 0, online: 0, total: 0, alerts: 0 });
  });
});

describe('names and addresses', () => {
  it('nickname, else host; the default port is left out', () => {
    assert.equal(deviceName({ id: 'x', host: '10.0.0.7', port: 4028, nickname: '  ', source: 'manual', addedAt: 0 }), '10.0.0.7');
    assert.equal(deviceAddress({ host: '10.0.0.7', port: 4028 }), '10.0.0.7');
    assert.equal(deviceAddress({ host: '10.0.0.7', port: 4029 }), '10.0.0.7:4029');
    assert.equal(deviceAddress({ host: 'fe80::1', port: 4029 }), '[fe80::1]:4029');
  });

  it('model: PROD, else MODEL, else the catalog id unless unknown', () => {
    assert.equal(modelName(avalonQ), 'Avalon Q');
    assert.equal(modelName({ ...a1566, identity: { modelId: 'a1566', modelCode: '15-194' } }), '15-194');
    assert.equal(modelName({ ...a1566, identity: { modelId: 'unknown' } }), undefined);
    assert.equal(modelName(undefined), undefined);
  });

  it('pool host from stratum URLs, with or without a scheme', () => {
    assert.equal(poolHost('stratum+tcp://btc.example.org:3333'), 'btc.example.org');
    assert.equal(poolHost('stratum+ssl://[2001:db8::5]:443'), '2001:db8::5');
    assert.equal(poolHost('btc.example.org:3333'), 'btc.example.org');
    assert.equal(poolHost(' not a url '), 'not a url');
  });

  it('active pool: the flagged one, else the best-priority alive one', () => {
    assert.equal(activePool(a1566.pools)?.index, 0);
    const unflagged = a1566.pools.map((p) => ({ ...p, active: undefined }));
    unflagged[0] = { ...unflagged[0]!, status: 'Dead' };
    assert.equal(activePool(unflagged)?.index, 1);
    assert.equal(activePool([]), undefined);
  });
});
