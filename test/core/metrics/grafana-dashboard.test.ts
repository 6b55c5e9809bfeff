// assets/grafana/hearth-dashboard.json: a dashboard Grafana can import, with
// a Prometheus data source variable, whose queries use only metric names
// the /metrics endpoint exports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { fleetFamilies } from '../../../electron/core/metrics/exposition.js';

const root = join(import.meta.dirname, '..', '..', '..');

interface Target {
  expr: string;
  datasource: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets: Target[];
}

const dashboard = JSON.parse(readFileSync(join(root, 'assets', 'grafana', 'hearth-dashboard.json'), 'utf8')) as {
  uid: string;
  title: string;
  schemaVersion: number;
  templating: { list: { name: string; type: string; query: unknown }[] };
  panels: Panel[];
};

test('the dashboard has a Prometheus data source variable and every panel uses it', () => {
  assert.equal(dashboard.uid, 'hearth-fleet');
  assert.ok(dashboard.schemaVersion >= 36);
  const ds = dashboard.templating.list.find((v) => v.type === 'datasource');
  assert.deepEqual([ds?.name, ds?.query], ['datasource', 'prometheus']);
  assert.ok(dashboard.panels.length >= 10);
  for (const p of dashboard.panels) {
    assert.deepEqual(p.datasource, { type: 'prometheus', uid: '${datasource}' }, p.title);
    assert.ok(p.targets.length > 0, p.title);
    for (const t of p.targets) assert.deepEqual(t.datasource, p.datasource, p.title);
  }
  assert.equal(new Set(dashboard.panels.map((p) => p.id)).size, dashboard.panels.length, 'panel ids are unique');
  for (const p of dashboard.panels) assert.ok(p.gridPos.x + p.gridPos.w <= 24, `${p.title} fits the 24-column grid`);
});

test('every metric a query names is one the endpoint exports, and every exported metric is charted', () => {
  const device: FleetDevice = { record: { id: 'a:1', host: 'a', port: 1, source: 'manual', addedAt: 0 }, status: 'online', consecutiveFailures: 0 };
  const exported = new Set(fleetFamilies([device]).map((f) => f.name));
  const used = new Set<string>();
  for (const p of dashboard.panels) for (const t of p.targets) for (const m of t.expr.matchAll(/\bhearth_[a-z_]+/g)) used.add(m[0]);
  const variable = dashboard.templating.list.find((v) => v.name === 'device');
  used.add(/hearth_[a-z_]+/.exec(JSON.stringify(variable?.query))![0]);
  for (const name of used) assert.ok(exported.has(name), `${name} is exported`);
  assert.deepEqual([...exported].filter((n) => !used.has(n)), []);
});
