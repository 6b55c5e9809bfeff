// `devs` / `edevs` reply -> one entry per ASC device. Avalon firmware reports
// exactly one (`ASC 0`, name AVA10 / AVALON / AVANANO); controller-era rigs
// one per AUC.
import type { Summary } from '../../contract/snapshot.js';
import { compact } from './compact.js';
import { readCounters } from './rates.js';
import { booleanField, ignoreWarnings, numberField, sectionEntries, stringField, type ReplyLike, type Warn } from './reply.js';

export interface AscDevice {
  index: number;
  /** Driver name as reported: "AVA10", "AVALON", ... */
  name?: string;
  enabled?: boolean;
  /** "Alive", "Sick", "Dead", ... as reported. */
  status?: string;
  /** degC; absent when the device sends the -273 "no sensor" value. */
  temperatureC?: number;
  counters: Summary;
}

export function parseDevs(reply: ReplyLike | undefined, warn: Warn = ignoreWarnings): AscDevice[] {
  const section = reply !== undefined && 'DEVS' in reply ? 'DEVS' : 'EDEVS';
  return sectionEntries(reply, section, warn).map((entry, i): AscDevice => {
    const temp = numberField(entry, 'Temperature');
    return compact({
      index: numberField(entry, 'ASC') ?? numberField(entry, 'ID') ?? i,
      name: stringField(entry, 'Name'),
      enabled: booleanField(entry, 'Enabled'),
      status: stringField(entry, 'Status'),
      temperatureC: temp === undefined || temp <= -273 ? undefined : temp,
      counters: readCounters(entry),
    });
  });
}
