// A snapshot as a person reads it in a terminal. Figures the device did not
// report are left out rather than shown as zero.
import type { DeviceSnapshot, Module } from '../contract/snapshot.js';

export function formatSnapshot(where: string, s: DeviceSnapshot): string {
  const lines: string[] = [];
  const id = s.identity;
  const name = id.product ?? (id.modelId !== 'unknown' ? id.modelId : 'unknown device');
  lines.push(`${where}  ${name}${id.firmware ? `  firmware ${id.firmware}` : ''}${id.mac ? `  MAC ${id.mac}` : ''}`);
  const row = (label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') lines.push(`  ${label.padEnd(12)}${value}`);
  };

  const sum = s.summary;
  const ghs = sum.ghs1m ?? sum.ghs5s ?? sum.ghsAvg;
  const vsNominal = s.derived.hashrateVsNominal;
  row(
    'Hash rate',
    ghs === undefined ? undefined : `${formatHashrate(ghs)}${vsNominal === undefined ? '' : ` (${Math.round(vsNominal * 100)} % of nominal)`}`,
  );
  row(
    'Power',
    s.derived.powerW === undefined
      ? undefined
      : `${Math.round(s.derived.powerW)} W${s.derived.jPerTh === undefined ? '' : `, ${s.derived.jPerTh.toFixed(1)} J/TH`}`,
  );
  row('Hottest', s.derived.hottestC === undefined ? undefined : `${s.derived.hottestC} °C`);
  row('Fans', s.derived.fansRpm.length === 0 ? undefined : `${s.derived.fansRpm.join(', ')} rpm`);
  row('Uptime', sum.elapsedS === undefined ? undefined : formatDuration(sum.elapsedS));
  if (sum.accepted !== undefined) {
    const rejected = sum.rejected ?? 0;
    const total = sum.accepted + rejected;
    const pct = total > 0 ? ` (${((rejected / total) * 100).toFixed(1)} % rejected)` : '';
    row('Shares', `${sum.accepted} accepted, ${rejected} rejected${pct}`);
  }
  for (const m of s.modules) row(m.key, describeModule(m));
  if (s.pools.length > 0) {
    lines.push('  Pools');
    for (const p of s.pools) {
      const user = p.user ? `  ${p.user}` : '';
      lines.push(`    ${p.index}  ${p.url}${user}  ${p.status}${p.active ? '  (active)' : ''}`);
    }
  }
  if (s.warnings.length > 0) {
    lines.push('  Notes');
    for (const w of s.warnings) lines.push(`    ${w}`);
  }
  return lines.join('\n');
}

function describeModule(m: Module): string {
  const parts: string[] = [m.state];
  if (m.hashBoardCount !== undefined) parts.push(`${m.hashBoardCount} boards`);
  if (m.tempInletC !== undefined) parts.push(`inlet ${m.tempInletC} °C`);
  if (m.workMode !== undefined) parts.push(`work mode ${m.workMode}`);
  const codes = [...m.errorCodes.echu, ...m.errorCodes.ecmm].filter((c) => c !== 0);
  if (codes.length > 0) parts.push(`raw error codes ${codes.join(', ')}`);
  return parts.join(', ');
}

export function formatHashrate(ghs: number): string {
  if (ghs >= 1000) return `${(ghs / 1000).toFixed(2)} TH/s`;
  return `${ghs.toFixed(1)} GH/s`;
}

export function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min ${Math.floor(seconds % 60)} s`;
}
