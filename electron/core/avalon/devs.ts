// `devs` / `edevs` reply -> one entry per ASC device. Avalon firmware reports
// exactly one (`ASC 0`, name AVA10 / AVALON / AVANANO); controller-era rigs
// one per AUC.
import type { Summary } from '../../contract/snapshot.js';
import { compact } from './compact.js';
import { readCounters } from './rates.js';
import { booleanField, numberField, sectionEntries, stringField, type ReplyLike } from './reply.js';

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

export interface DevsParse {
  devices: AscDevice[];
  warnings: string[];
}

export function parseDevs(reply: ReplyLike | undefined): DevsParse {
  const warnings: string[] = [];
  const section = reply !== undefined && 'DEVS' in reply ? 'DEVS' : 'EDEVS';
  const devices = sectionEntries(reply, section, (m) => warnings.push(m)).map((entry, i): AscDevice => {
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
  return { devices, warnings };
}
