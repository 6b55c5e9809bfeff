// CSV of what a chart shows, and of the event list: RFC 4180 quoting, ISO
// 8601 UTC times, one header row. Text cells that a spreadsheet would run as
// a formula are neutralised, since event messages can carry device-supplied
// text. Pure.
import type { EventRecord, HistorySeries } from '../../contract/history.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvText(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const isoTime = (t: number): string => new Date(t).toISOString();

/** Columns: time, then per metric its value, and `<metric>_min`, `<metric>_max` where it has them. */
export function seriesToCsv(series: HistorySeries): string {
  const header: string[] = ['time'];
  const columns: (readonly (number | null)[])[] = [];
  for (const entry of series.series) {
    header.push(entry.metric);
    columns.push(entry.value);
    if (entry.min) {
      header.push(`${entry.metric}_min`);
      columns.push(entry.min);
    }
    if (entry.max) {
      header.push(`${entry.metric}_max`);
      columns.push(entry.max);
    }
  }
  const rows = series.t.map((t, i) => [isoTime(t), ...columns.map((c) => c[i] ?? null)]);
  return csvText([header, ...rows]);
}

export function eventsToCsv(events: readonly EventRecord[]): string {
  const header = ['time', 'device', 'kind', 'severity', 'message', 'data'];
  const rows = events.map((e) => [
    isoTime(e.at),
    e.deviceId ?? '',
    e.kind,
    e.severity,
    e.message,
    e.data === undefined ? '' : JSON.stringify(e.data),
  ]);
  return csvText([header, ...rows]);
}
