// The fleet as Prometheus text exposition format 0.0.4: one HELP and one
// TYPE line per metric family, its samples right after, label values
// escaped (backslash, double quote, line feed), every line ending in "\n".
// Format reference: docs/alerts.md ("Prometheus endpoint").
import type { FleetDevice } from '../../contract/fleet.js';

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'gauge' | 'counter';

export interface Sample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes only backslash and line feed. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Renders families in order; a family without samples is left out entirely. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    if (!METRIC_NAME.test(f.name)) throw new Error(`invalid metric name ${f.name}`);
    if (f.samples.length === 0) continue;
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels).map(([k, v]) => {
        if (!LABEL_NAME.test(k) || k.startsWith('__')) throw new Error(`invalid label name ${k}`);
        return `${k}="${escapeLabelValue(v)}"`;
      });
      lines.push(`${f.name}${labels.length > 0 ? `{${labels.join(',')}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

interface Def {
  name: string;
  help: string;
  type: MetricType;
  /** Extra labels and value(s) from a device that answered its last poll. */
  read(d: FleetDevice): { labels?: Record<string, string>; value: number | undefined }[];
}

const s = (d: FleetDevice) => d.snapshot!;

/**
 * Only `hearth_device_up` is exported for a device that is not online: the
 * readings of its last snapshot are history, and exporting them would draw a
 * flat line where there is no data.
 */
const DEFS: readonly Def[] = [
  { name: 'hearth_device_hashrate_ghs', help: 'Hash rate reported by the device, GH/s, per averaging window.', type: 'gauge', read: (d) => [
    { labels: { window: '5s' }, value: s(d).summary.ghs5s },
    { labels: { window: '1m' }, value: s(d).summary.ghs1m },
    { labels: { window: 'avg' }, value: s(d).summary.ghsAvg },
  ] },
  { name: 'hearth_device_temperature_max_celsius', help: 'Hottest temperature the device reports (chip or board), degrees Celsius.', type: 'gauge', read: (d) => [{ value: s(d).derived.hottestC }] },
  { name: 'hearth_device_fan_rpm', help: 'Fan speed, revolutions per minute, per fan (numbered from 1 across modules).', type: 'gauge', read: (d) =>
    s(d).derived.fansRpm.map((rpm, i) => ({ labels: { fan: String(i + 1) }, value: rpm })) },
  { name: 'hearth_device_power_watts', help: 'Wall power the device reports, watts.', type: 'gauge', read: (d) => [{ value: s(d).derived.powerW }] },
  { name: 'hearth_device_efficiency_joules_per_terahash', help: 'Wall power divided by the 1-minute hash rate, J/TH.', type: 'gauge', read: (d) => [{ value: s(d).derived.jPerTh }] },
  { name: 'hearth_device_shares_accepted_total', help: 'Shares accepted by the pools since the device started.', type: 'counter', read: (d) => [{ value: s(d).summary.accepted }] },
  { name: 'hearth_device_shares_rejected_total', help: 'Shares rejected by the pools since the device started.', type: 'counter', read: (d) => [{ value: s(d).summary.rejected }] },
  { name: 'hearth_device_hardware_errors_total', help: 'Hardware errors since the device started.', type: 'counter', read: (d) => [{ value: s(d).summary.hardwareErrors }] },
  { name: 'hearth_device_uptime_seconds', help: 'Seconds since the device (cgminer) started.', type: 'gauge', read: (d) => [{ value: s(d).summary.elapsedS }] },
];

function deviceLabels(d: FleetDevice): Record<string, string> {
  return { device: d.record.id, model: d.snapshot?.identity.modelId ?? 'unknown', nickname: d.record.nickname ?? '' };
}

/** The metric families for a fleet, in a fixed order. */
export function fleetFamilies(fleet: readonly FleetDevice[]): MetricFamily[] {
  const up: MetricFamily = {
    name: 'hearth_device_up',
    help: 'Whether the device answered its last poll (1) or not (0).',
    type: 'gauge',
    samples: fleet.map((d) => ({ labels: deviceLabels(d), value: d.status === 'online' ? 1 : 0 })),
  };
  const live = fleet.filter((d) => d.status === 'online' && d.snapshot !== undefined);
  const rest = DEFS.map((def) => ({
    name: def.name,
    help: def.help,
    type: def.type,
    samples: live.flatMap((d) =>
      def
        .read(d)
        .filter((r): r is { labels?: Record<string, string>; value: number } => r.value !== undefined && Number.isFinite(r.value))
        .map((r) => ({ labels: { ...deviceLabels(d), ...r.labels }, value: r.value })),
    ),
  }));
  return [up, ...rest];
}

export function renderFleetMetrics(fleet: readonly FleetDevice[]): string {
  return renderExposition(fleetFamilies(fleet));
}
