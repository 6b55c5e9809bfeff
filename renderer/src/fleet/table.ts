// Sorting and filtering of the fleet table. Pure.
import type { DeviceStatus } from '../../../electron/contract/fleet.js';
import type { FleetRow } from './derive.js';

export type SortKey = 'name' | 'model' | 'address' | 'status' | 'ghs5s' | 'hottestC' | 'fans' | 'powerW' | 'jPerTh' | 'pool' | 'uptimeS';
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

// Worst first when ascending, so "sort by status" surfaces the devices that need attention.
const STATUS_ORDER: Record<DeviceStatus, number> = { offline: 0, stale: 1, unknown: 2, online: 3 };

function sortValue(row: FleetRow, key: SortKey): string | number | undefined {
  if (key === 'status') return STATUS_ORDER[row.status] * 10 - row.alerts.length;
  if (key === 'fans') return row.fansRpm.length ? Math.min(...row.fansRpm) : undefined;
  return row[key];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Stable sort; rows without a value go last in either direction. */
export function sortRows(rows: readonly FleetRow[], sort: SortState): FleetRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === undefined ? 1 : -1;
      }
      const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
      return order * sign || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** Rows whose name, model, address, pool or status word contains every term of the query. */
export function filterRows(rows: readonly FleetRow[], query: string, statusWords: (row: FleetRow) => string[] = () => []): FleetRow[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return [...rows];
  return rows.filter((row) => {
    const haystack = [row.name, row.model, row.address, row.pool, row.status, ...row.alerts, ...statusWords(row)]
      .filter((v): v is string => typeof v === 'string')
      .join('\n')
      .toLowerCase();
    return terms.every((term) => haystack.includes(term));
  });
}

/** Clicking a header: a new column starts in its natural direction, the same column flips. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  const textual = key === 'name' || key === 'model' || key === 'address' || key === 'pool' || key === 'status';
  return { key, direction: textual ? 'ascending' : 'descending' };
}
