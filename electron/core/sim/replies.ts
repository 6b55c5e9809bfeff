// The report commands' replies (version, summary, devs, pools, stats,
// estats, litestats, config, devdetails, coin, check) in each model's
// dialect: the same sections, keys, key order and number formats as the
// captured replies.
import type { SimDevice, SimReading } from './device.js';
import { driverStrings, liteString } from './mm-string.js';
import { DriverText, diff, double, mhTotal, mhs, percent, temp, utility, type ApiRecord, type Reply, type Section, type Severity } from './wire.js';

export const DESCRIPTION = 'cgminer 4.11.1';
const TWO_32 = 2 ** 32;

export function statusReply(r: SimReading, severity: Severity, code: number, msg: string, section?: Section): Reply {
  return { kind: 'status', severity, when: r.when, code, msg, description: DESCRIPTION, section };
}

/** Driver name (`devs` Name) and stats ID prefix per dialect. */
export function driverName(dev: SimDevice): string {
  switch (dev.profile.dialect) {
    case 'a-series':
    case 'a10':
      return 'AVA10';
    case 'controller':
      return dev.profile.controller?.name ?? 'AV8';
    case 'nano3':
      return 'AVANANO';
    default:
      return 'AVALON';
  }
}

/** MM3/MM4 control boards run cgminer with a 30 s log interval (the A10 manual's summary shows `MHS 30s`). */
function logsEvery30s(dev: SimDevice): boolean {
  return dev.profile.dialect === 'a-series' || dev.profile.dialect === 'a10';
}

/** cgminer's `MHS <log interval>s` key: A-series log every 30 s, the home firmwares and controllers every 5 s. */
function shortWindow(dev: SimDevice, r: SimReading): [string, number] {
  return logsEvery30s(dev) ? ['MHS 30s', r.ghs30s] : ['MHS 5s', r.ghs5s];
}

export function version(dev: SimDevice, r: SimReading): Reply {
  const p = dev.profile;
  let rec: ApiRecord;
  switch (p.dialect) {
    case 'a-series':
      rec = {
        CGMiner: '4.11.1',
        API: '3.7',
        STM8: '20.08.01',
        PROD: p.product,
        MODEL: p.modelCode,
        HWTYPE: p.hwType,
        SWTYPE: p.swType,
        VERSION: p.firmware,
        LOADER: 'd0d779de.00',
        DNA: dev.dna,
        MAC: dev.mac,
        UPAPI: '2',
      };
      break;
    case 'a10':
      // The A10 manual's `version` example: no STM8/LOADER.
      rec = {
        CGMiner: '4.11.1',
        API: '3.7',
        PROD: p.product,
        MODEL: p.modelCode,
        HWTYPE: p.hwType,
        SWTYPE: p.swType,
        VERSION: p.firmware,
        DNA: dev.dna,
        MAC: dev.mac,
        UPAPI: '2',
      };
      break;
    case 'controller':
      // Upstream cgminer on the controller: only its own and the API's version (avalon-protocol.md 2.2).
      rec = { CGMiner: '4.11.1', API: '3.7' };
      break;
    case 'nano3':
      // The Nano 3's version has no DNA and no MAC.
      rec = {
        CGMiner: '4.11.1',
        API: '3.7',
        PROD: p.product,
        MODEL: p.modelCode,
        HWTYPE: p.hwType,
        SWTYPE: p.swType,
        VERSION: p.firmware,
        HVERSION: '24071801_b906c52_6223725',
        UPAPI: '2',
      };
      break;
    default:
      rec = {
        CGMiner: '4.11.1',
        API: '3.7',
        PROD: p.product,
        MODEL: p.modelCode,
        HWTYPE: p.hwType,
        SWTYPE: p.swType,
        LVERSION: p.firmware,
        BVERSION: p.firmware,
        CGVERSION: p.firmware,
        ...(p.dialect === 'mini3' ? { MCUVERSION: 'Mini3_hb_v1.0' } : {}),
        ...(p.dialect === 'q' ? { HBMCUVERSION: 'Q_hb_v1.1', FANMCUVERSION: 'Q_fb_v1.2' } : {}),
        DNA: dev.dna,
        MAC: dev.mac,
      };
  }
  return statusReply(r, 'S', 22, 'CGMiner versions', { name: 'VERSION', labelled: true, records: [rec] });
}

function rejectedPercent(rejected: number, accepted: number): number {
  return accepted + rejected > 0 ? (rejected / (accepted + rejected)) * 100 : 0;
}

export function summary(dev: SimDevice, r: SimReading): Reply {
  const [windowKey, windowGhs] = shortWindow(dev, r);
  const minutes = r.elapsedS / 60;
  const rec: ApiRecord = {
    Elapsed: r.elapsedS,
    'MHS av': mhs(r.ghsAvg * 1000),
    [windowKey]: mhs(windowGhs * 1000),
    'MHS 1m': mhs(r.ghs1m * 1000),
    'MHS 5m': mhs(r.ghs5m * 1000),
    'MHS 15m': mhs(r.ghs15m * 1000),
    'Found Blocks': 0,
    Getworks: r.getworks,
    Accepted: r.accepted,
    Rejected: r.rejected,
    'Hardware Errors': r.hwErrors,
    Utility: utility(r.accepted / minutes),
    Discarded: 0,
    Stale: r.stale,
    'Get Failures': 0,
    'Local Work': r.localWork,
    'Remote Failures': 0,
    'Network Blocks': Math.floor(r.elapsedS / 600),
    'Total MH': mhTotal((r.diff1 * TWO_32) / 1e6),
    'Work Utility': utility(r.diff1 / minutes),
    'Difficulty Accepted': diff(r.diffAccepted),
    'Difficulty Rejected': diff(r.diffRejected),
    'Difficulty Stale': diff(r.diffStale),
    'Best Share': r.bestShare,
    'Device Hardware%': percent(r.hwErrors + r.diff1 > 0 ? (r.hwErrors / (r.hwErrors + r.diff1)) * 100 : 0),
    'Device Rejected%': percent(r.diff1 > 0 ? (r.diffRejected / r.diff1) * 100 : 0),
    'Pool Rejected%': percent(rejectedPercent(r.diffRejected, r.diffAccepted)),
    'Pool Stale%': percent(rejectedPercent(r.diffStale, r.diffAccepted + r.diffRejected)),
    'Last getwork': 0,
  };
  return statusReply(r, 'S', 11, 'Summary', { name: 'SUMMARY', labelled: true, records: [rec] });
}

function lastShare(r: SimReading): { pool: number; at: number; difficulty: number } {
  let best = { pool: 0, at: 0, difficulty: 0 };
  for (const p of r.pools) {
    if (p.pool.lastShareAt > best.at) best = { pool: p.index, at: p.pool.lastShareAt, difficulty: p.pool.lastShareDifficulty };
  }
  return best;
}

/** A clock time (ms) in the device's `When` base. */
function whenOf(dev: SimDevice, r: SimReading, at: number): number {
  if (at === 0) return 0;
  return r.when - Math.round((r.at - at) / 1000);
}

export function devs(dev: SimDevice, r: SimReading): Reply {
  const [windowKey, windowGhs] = shortWindow(dev, r);
  const last = lastShare(r);
  const rec: ApiRecord = {
    ASC: 0,
    Name: driverName(dev),
    ID: 0,
    Enabled: 'Y',
    Status: 'Alive',
    // Avalons report no device temperature here: -273 on the A-series, 0 on the Q.
    Temperature: temp(dev.profile.dialect === 'a-series' || dev.profile.dialect === 'a10' ? -273 : 0),
    'MHS av': mhs(r.ghsAvg * 1000),
    [windowKey]: mhs(windowGhs * 1000),
    'MHS 1m': mhs(r.ghs1m * 1000),
    'MHS 5m': mhs(r.ghs5m * 1000),
    'MHS 15m': mhs(r.ghs15m * 1000),
    Accepted: r.accepted,
    Rejected: r.rejected,
    'Hardware Errors': r.hwErrors,
    Utility: utility(r.accepted / (r.elapsedS / 60)),
    'Last Share Pool': last.pool,
    'Last Share Time': whenOf(dev, r, last.at),
    'Total MH': mhTotal((r.diff1 * TWO_32) / 1e6),
    'Diff1 Work': r.diff1,
    'Difficulty Accepted': diff(r.diffAccepted),
    'Difficulty Rejected': diff(r.diffRejected),
    'Last Share Difficulty': diff(last.difficulty),
    'Last Valid Work': whenOf(dev, r, last.at),
    'Device Hardware%': percent(r.hwErrors + r.diff1 > 0 ? (r.hwErrors / (r.hwErrors + r.diff1)) * 100 : 0),
    'Device Rejected%': percent(r.diff1 > 0 ? (r.diffRejected / r.diff1) * 100 : 0),
    'Device Elapsed': r.elapsedS,
  };
  return statusReply(r, 'S', 9, '1 ASC(s)', { name: 'DEVS', labelled: false, records: [rec] });
}

function blockHeight(at: number): number {
  // Height 840000 was mined at 2024-04-20 00:09:27 UTC; one block per ten minutes after it.
  return 840_000 + Math.max(0, Math.floor((at / 1000 - 1_713_571_767) / 600));
}

export function pools(dev: SimDevice, r: SimReading): Reply {
  const height = blockHeight(r.at);
  const records = r.pools.map(({ index, pool, status, active }): ApiRecord => {
    const host = pool.url.replace(/^[a-z+]+:\/\//, '').replace(/:\d+$/, '');
    return {
      POOL: index,
      URL: pool.url,
      Status: status,
      Priority: pool.priority,
      Quota: 1,
      'Long Poll': 'N',
      Getworks: pool.getworks,
      Accepted: pool.accepted,
      Rejected: pool.rejected,
      Works: pool.works,
      Discarded: 0,
      Stale: pool.stale,
      'Get Failures': 0,
      'Remote Failures': 0,
      User: pool.user,
      // The Q's firmware returns the pool password in clear.
      ...(dev.profile.dialect === 'q' ? { Password: pool.password } : {}),
      'Last Share Time': whenOf(dev, r, pool.lastShareAt),
      'Diff1 Shares': pool.diff1,
      'Proxy Type': '',
      Proxy: '',
      'Difficulty Accepted': diff(pool.diffAccepted),
      'Difficulty Rejected': diff(pool.diffRejected),
      'Difficulty Stale': diff(pool.diffStale),
      'Last Share Difficulty': diff(pool.lastShareDifficulty),
      'Work Difficulty': diff(active ? dev.profile.poolDiff : 0),
      'Has Stratum': true,
      'Stratum Active': active,
      'Stratum URL': status === 'Alive' ? host : '',
      'Stratum Difficulty': diff(active ? dev.profile.poolDiff : 0),
      'Has Vmask': true,
      'Has GBT': false,
      'Best Share': active ? r.bestShare : 0,
      'Pool Rejected%': percent(rejectedPercent(pool.diffRejected, pool.diffAccepted)),
      'Pool Stale%': percent(rejectedPercent(pool.diffStale, pool.diffAccepted + pool.diffRejected)),
      'Bad Work': 0,
      'Current Block Height': active ? height : 0,
      'Current Block Version': 536870912,
    };
  });
  return statusReply(r, 'S', 7, `${records.length} Pool(s)`, { name: 'POOLS', labelled: false, records });
}

function statsHead(index: number, id: string, r: SimReading): ApiRecord {
  return { STATS: index, ID: id, Elapsed: r.elapsedS, Calls: 0, Wait: double(0), Max: double(0), Min: double(99999999) };
}

function deviceStats(dev: SimDevice, r: SimReading): ApiRecord {
  const driver: ApiRecord = {};
  for (const [k, v] of Object.entries(driverStrings(dev, r))) driver[k] = new DriverText(v);
  return { ...statsHead(0, `${driverName(dev)}0`, r), ...driver, ...statsTail(dev, r) };
}

/** The fields after the driver strings: per generation, as avalon-protocol.md 2.6 and 3.1 list them. */
function statsTail(dev: SimDevice, r: SimReading): ApiRecord {
  switch (dev.profile.dialect) {
    case 'a-series':
      return { 'MM Count': 1, 'Smart Speed': 1, 'Voltage Level Offset': 0, 'Nonce Mask': 25 };
    case 'a10':
      // The A10 manual's estats example.
      return { 'MM Count': 1, 'Smart Speed': 1, 'Connection Overloaded': false, 'Voltage Level Offset': 0, 'Nonce Mask': 25 };
    case 'controller':
      // AVA8/AVA9 api_stats, then cgminer's USB counters (PB-A741, PB-A841); AUC figures as PB-A741 shows them.
      return {
        'MM Count': r.modules.filter((m) => m.present).length,
        'Smart Speed': 1,
        Connecter: 'AUC',
        'AUC VER': 'AUC-20151208',
        'AUC I2C Speed': 400000,
        'AUC I2C XDelay': 19200,
        'AUC Sensor': 19451,
        'AUC Temperature': temp(16.09),
        'Connection Overloaded': false,
        'Voltage Level Offset': 0,
        'Nonce Mask': 29,
        'USB Pipe': '0',
        'USB Delay': 'r0 0.000000 w0 0.000000',
        'USB tmo': '0 0',
      };
    case 'q':
      return {};
    default:
      return { 'MM Count': 1, 'Nonce Mask': dev.profile.dialect === 'nano3' ? 1 : 25 };
  }
}

function poolStats(dev: SimDevice, r: SimReading): ApiRecord[] {
  return r.pools.map(({ index, pool }) => {
    const sent = pool.accepted + pool.rejected + pool.stale + pool.getworks + 2;
    const recv = sent + pool.getworks * 2;
    const d = diff(pool.diff1 > 0 ? dev.profile.poolDiff : 0);
    return {
      ...statsHead(index + 1, `POOL${index}`, r),
      'Pool Calls': 0,
      'Pool Attempts': 0,
      'Pool Wait': double(0),
      'Pool Max': double(0),
      'Pool Min': double(99999999),
      'Pool Av': double(0),
      'Work Had Roll Time': false,
      'Work Can Roll': false,
      'Work Had Expire': false,
      'Work Roll Time': 0,
      'Work Diff': d,
      'Min Diff': d,
      'Max Diff': d,
      'Min Diff Count': pool.diff1 > 0 ? 1 : 0,
      'Max Diff Count': pool.diff1 > 0 ? 1 : 0,
      'Times Sent': sent,
      'Bytes Sent': sent * 176,
      'Times Recv': recv,
      'Bytes Recv': recv * 347,
      'Net Bytes Sent': sent * 176,
      'Net Bytes Recv': recv * 347,
    };
  });
}

/** `stats` lists the device then one element per pool (not on the Nano 3, per its capture); `estats` the device only. */
export function stats(dev: SimDevice, r: SimReading, withPools: boolean): Reply {
  const pools = withPools && dev.profile.dialect !== 'nano3' ? poolStats(dev, r) : [];
  const records = [deviceStats(dev, r), ...pools];
  return statusReply(r, 'S', 70, 'CGMiner stats', { name: 'STATS', labelled: false, records });
}

/** `litestats`: the Q answers its whole summary block; the Nano 3S / Mini 3 a compact string. */
export function litestats(dev: SimDevice, r: SimReading): Reply {
  const driver: ApiRecord = {};
  if (dev.profile.dialect === 'q') {
    const full = driverStrings(dev, r)['MM ID0:Summary'] ?? '';
    driver['MM ID0:Summary'] = new DriverText(full);
  } else {
    driver['MM ID0'] = new DriverText(liteString(dev, r));
  }
  return statusReply(r, 'S', 70, 'CGMiner stats', { name: 'STATS', labelled: false, records: [{ ...statsHead(0, `${driverName(dev)}0`, r), ...driver }] });
}

export function config(dev: SimDevice, r: SimReading): Reply {
  const rec: ApiRecord = {
    'ASC Count': 1,
    'PGA Count': 0,
    'Pool Count': r.pools.length,
    Strategy: 'Failover',
    'Log Interval': logsEvery30s(dev) ? 30 : 5,
    'Device Code': `${driverName(dev)} `,
    OS: 'Linux',
    Hotplug: 'None',
  };
  return statusReply(r, 'S', 33, 'CGMiner config', { name: 'CONFIG', labelled: true, records: [rec] });
}

export function devdetails(dev: SimDevice, r: SimReading): Reply {
  const name = driverName(dev);
  const rec: ApiRecord = { DEVDETAILS: 0, Name: name, ID: 0, Driver: name.toLowerCase(), Kernel: '', Model: '', 'Device Path': '' };
  return statusReply(r, 'S', 69, 'Device Details', { name: 'DEVDETAILS', labelled: false, records: [rec] });
}

export function coin(_dev: SimDevice, r: SimReading): Reply {
  const rec: ApiRecord = {
    'Hash Method': 'sha256',
    'Current Block Time': double(Math.floor(r.at / 600_000) * 600),
    'Current Block Hash': '00000000000000000001a3f8c2d4e6b8091a2b3c4d5e6f708192a3b4c5d6e7f8',
    LP: true,
    'Network Difficulty': diff(1.2e14),
  };
  return statusReply(r, 'S', 78, 'CGMiner coin', { name: 'COIN', labelled: true, records: [rec] });
}

export function check(r: SimReading, exists: boolean, access: boolean): Reply {
  const rec: ApiRecord = { Exists: exists ? 'Y' : 'N', Access: access ? 'Y' : 'N' };
  return statusReply(r, 'S', 72, 'Check command', { name: 'CHECK', labelled: false, records: [rec] });
}
