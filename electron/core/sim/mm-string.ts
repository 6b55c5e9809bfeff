// The Avalon driver's stats string (`MM ID0`, and the Q's `MM ID0:Summary`
// / `HBinfo`): `Key[value]` tokens in each firmware's own order and number
// formats, built from a reading. The order and formats follow the captures in
// ../shared/captures/avalon (see docs/simulator.md for which model follows
// which capture).
import { BOARD_DOWN_ECHU, type BoardReading, type ModuleReading, type RunState, type SimDevice, type SimReading } from './device.js';
import { createPrng, mixSeed } from './prng.js';
import type { SimMode } from './profiles.js';

type Token = readonly [key: string, value: string];

const list = (xs: readonly (number | string)[]): string => xs.join(' ');
/** Per-chip temperatures are printed "%3d" and joined by spaces: `[ 66  65 ...]`. */
const pvtTemps = (xs: readonly number[]): string => xs.map((x) => String(x).padStart(3)).join(' ');
const fixed = (x: number, d: number): string => x.toFixed(d);
const perBoard = (r: SimReading, f: (b: BoardReading) => number | string): string => list(r.boards.map(f));

export function joinTokens(tokens: readonly Token[]): string {
  return tokens.map(([k, v]) => `${k}[${v}]`).join(' ');
}

function stateText(state: RunState, overheated: boolean, aSeries: boolean): string {
  // The A1246 printed "Out Over Hot" while over temperature; the home firmwares have four texts only.
  if (state === 'fault' && overheated && aSeries) return 'Out Over Hot';
  return { init: 'In Init', work: 'In Work', idle: 'In Idle', fault: 'In Fault' }[state];
}

function systemStatus(r: SimReading, aSeries: boolean): string {
  // The home firmwares print the number of boards found (one); the A-series count drops with a dead board.
  const boards = aSeries ? r.boards.filter((b) => b.echu === 0).length : r.boards.length;
  // A-series firmware leaves a space before the closing bracket.
  return `Work: ${stateText(r.state, r.overheated, aSeries)}, Hash Board: ${boards}${aSeries ? ' ' : ''}`;
}

/** `ATA<mode>[maxPout-temp-volt-pllStart-pllStep]` as the MM319 firmwares print the active calibration. */
function ataMm319(mode: SimMode, maxPowerW: number): string {
  const step = Math.round((mode.pllMhz[3] - mode.pllMhz[0]) / 3);
  return `${maxPowerW}-${mode.targetTempC}-${mode.calibrationVolt ?? 0}-${mode.pllMhz[0]}-${step}`;
}

/** Stable per-device figures that are not part of the behaviour model (PLL lock counts, free memory). */
function fixtures(dev: SimDevice): { memFree: number; pll: number[][] } {
  const r = createPrng(mixSeed(dev.seed, 0x5eed));
  const chips = dev.profile.chipsPerBoard;
  // Lock counts per chip at the four PLL points, scaled from the A1566 capture (PLL0 over 160 chips).
  const perChip = [20.9, 15.9, 29.5, 85.6];
  return {
    memFree: 60_000 + r.int(10_000),
    pll: Array.from({ length: dev.profile.hashBoards }, () => perChip.map((x) => Math.round(x * chips * (0.8 + 0.4 * r.next())))),
  };
}

function common(dev: SimDevice, r: SimReading) {
  const f = fixtures(dev);
  const p = dev.profile;
  const wu = (r.diff1 / r.elapsedS) * 60;
  return {
    f,
    hw: String(r.hwErrors),
    dh: `${fixed(r.dhPercent, 3)}%`,
    ghsSpd: fixed(r.ghs5s, 2),
    ghsMm: fixed(r.ghsMm, 2),
    ghsAvg: fixed(r.ghsAvg, 2),
    wu: fixed(wu, 2),
    freq: fixed(r.freqMhz, 2),
    ta: String(r.boards.filter((b) => b.echu === 0).length * p.chipsPerBoard),
    echu: perBoard(r, (b) => b.echu),
    ping: String(r.pingMs),
    mgHs: perBoard(r, (b) => fixed(b.ghsAvg, 2)),
    sf: list(r.mode.pllMhz),
    softOff: r.softOff ? '4' : '0',
  };
}

/** PS[...] in the A-series / Mini 3 / Q layout: error, 12 V rail, board V, A, board W, set V, wall W. */
function psASeries(dev: SimDevice, r: SimReading): string {
  const rail = r.boardW > 0 ? dev.profile.railCentivolts : 0;
  const amps = rail > 0 ? Math.round(r.boardW / (rail / 100)) : 0;
  return list([0, 1209, rail, amps, r.boardW, dev.profile.railCentivolts + 1, r.wallW]);
}

function aSeriesTokens(dev: SimDevice, r: SimReading): Token[] {
  const p = dev.profile;
  const c = common(dev, r);
  const boards = r.boards;
  const t: Token[] = [
    ['Ver', `${p.verModel}-${p.firmware}`],
    ['DNA', dev.dna],
    // The A1566 prints two figures joined by a dot (`MEMFREE[1392832.1381104]`).
    ['MEMFREE', `${c.f.memFree * 20}.${c.f.memFree * 21}`],
    ['NETFAIL', list(r.netfail)],
    ['SYSTEMSTATU', systemStatus(r, true)],
    ['Elapsed', String(r.elapsedS)],
    ['BOOTBY', '0x01.00000000'],
    ['LW', String(r.chipWorks)],
    ['MH', perBoard(r, (b) => b.hwErrors)],
    ['DHW', '0'],
    ['HW', c.hw],
    ['DH', c.dh],
    ['Temp', String(r.inletC)],
    ['TMax', String(r.tempMaxC)],
    ['TAvg', String(r.tempAvgC)],
    ...r.fanRpm.map((rpm, i): Token => [`Fan${i + 1}`, String(rpm)]),
    ['FanR', `${r.fanDuty}%`],
    ['Vo', String(r.boardW > 0 ? Math.round(p.chipMv + 10) : 0)],
    ['PS', psASeries(dev, r)],
  ];
  if (p.hasWallPowerKey) t.push(['WALLPOWER', String(r.wallW)]);
  boards.forEach((b) => t.push([`PLL${b.index}`, list(c.f.pll[b.index] ?? [])]));
  t.push(
    ['GHSspd', c.ghsSpd],
    ['DHspd', c.dh],
    ['GHSmm', c.ghsMm],
    ['GHSavg', c.ghsAvg],
    ['WU', c.wu],
    ['Freq', c.freq],
    ['Led', String(r.led)],
    ['MGHS', c.mgHs],
    ['MTmax', perBoard(r, (b) => b.tempMaxC)],
    ['MTavg', perBoard(r, (b) => b.tempAvgC)],
    ['MVavg', perBoard(r, (b) => fixed(b.avgMv, 1))],
    ['TA', c.ta],
    ['Core', p.core],
    ['PING', c.ping],
    ['POWS', '0'],
    ['EEPROM', perBoard(r, () => p.chipsPerBoard)],
    ['HASHS', perBoard(r, () => 0)],
    ['POOLS', '0'],
    ['SoftOFF', c.softOff],
    ['ECHU', c.echu],
    ['ECMM', '0'],
  );
  boards.forEach((b) => t.push([`SF${b.index}`, c.sf]));
  boards.forEach((b) => t.push([`PVT_T${b.index}`, pvtTemps(b.chipTempsC)]));
  boards.forEach((b) => t.push([`PVT_V${b.index}`, list(b.chipMv)]));
  t.push(['MW', perBoard(r, () => Math.round(r.chipWorks / boards.length))]);
  boards.forEach((b) => t.push([`MW${b.index}`, list(b.matchedWorks)]));
  t.push(['CRC', perBoard(r, () => 0)], ['COMCRC', perBoard(r, () => 0)]);
  boards.forEach((b) => t.push([`FACOPTS${b.index}`, '']));
  const volt = 1188;
  boards.forEach((b) =>
    t.push([`ATAOPTS${b.index}`, `--avalon10-freq ${r.mode.pllMhz.join(':')} --avalon10-voltage-level ${volt} --hash-asic ${p.chipsPerBoard}`]),
  );
  t.push(['ADJ', '1'], ['COP', perBoard(r, () => 0)], ['MPO', String(r.maxPowerW)], ['MVL', '87']);
  boards.forEach((b) => t.push([`ATABD${b.index}`, c.sf]));
  t.push(['WORKMODE', String(r.mode.value)]);
  return t;
}

/** `ECHU` of a working A10 board is 512 (the A10 manual's example, `ECHU[512 512 512]`); 513 = abnormal. */
const A10_ECHU_OK = 512;

/**
 * The A10 string in the order of the A10 manual's estats example (A1066):
 * 6-slot `PS[...]` without wall power, `MEMFREE[<n> B]`, `WORKMODE` last.
 */
function a10Tokens(dev: SimDevice, r: SimReading): Token[] {
  const p = dev.profile;
  const c = common(dev, r);
  const boards = r.boards;
  const rail = r.boardW > 0 ? p.railCentivolts : 0;
  const amps = rail > 0 ? Math.round(r.boardW / (rail / 100)) : 0;
  const t: Token[] = [
    ['Ver', `${p.verModel}-${p.firmware}`],
    ['DNA', dev.dna],
    ['NETFAIL', list(r.netfail)],
    ['SYSTEMSTATU', systemStatus(r, true)],
    ['Elapsed', String(r.elapsedS)],
    ['MW', perBoard(r, () => Math.round(r.chipWorks / boards.length))],
    ['LW', String(r.chipWorks)],
    ['MH', perBoard(r, (b) => b.hwErrors)],
    ['HW', c.hw],
    ['DH', c.dh],
    ['Temp', String(r.inletC)],
    ['TMax', String(r.tempMaxC)],
    ['TAvg', String(r.tempAvgC)],
    ...r.fanRpm.map((rpm, i): Token => [`Fan${i + 1}`, String(rpm)]),
    ['FanR', `${r.fanDuty}%`],
    ['Vo', String(r.boardW > 0 ? Math.round(p.chipMv + 10) : 0)],
    ['PS', list([0, 1217, rail, amps, r.boardW, p.railCentivolts + 1])],
  ];
  boards.forEach((b) => t.push([`PLL${b.index}`, list(c.f.pll[b.index] ?? [])]));
  t.push(
    ['GHSmm', c.ghsMm],
    ['GHSavg', c.ghsAvg],
    ['WU', c.wu],
    ['Freq', c.freq],
    ['Led', String(r.led)],
    ['MGHS', c.mgHs],
    ['MTmax', perBoard(r, (b) => b.tempMaxC)],
    ['MTavg', perBoard(r, (b) => b.tempAvgC)],
    ['TA', c.ta],
    ['ECHU', perBoard(r, (b) => (b.echu === 0 ? A10_ECHU_OK : b.echu))],
    ['ECMM', '0'],
  );
  boards.forEach((b) => t.push([`SF${b.index}`, c.sf]));
  boards.forEach((b) => t.push([`PVT_T${b.index}`, pvtTemps(b.chipTempsC)]));
  boards.forEach((b) => t.push([`PVT_V${b.index}`, list(b.chipMv)]));
  boards.forEach((b) => t.push([`MW${b.index}`, list(b.matchedWorks)]));
  t.push(['CRC', perBoard(r, () => 0)], ['POW_I2C_CONN', 'SUCCES'], ['MEMFREE', `${c.f.memFree * 4} B`]);
  // The manual's example prints FACOPTS for two of its three boards.
  t.push(['FACOPTS0', ''], ['FACOPTS1', ''], ['WORKMODE', String(r.mode.value)]);
  return t;
}

/**
 * One module's `MM ID<n>` of a controller-era rig, in the order of the
 * AVA8/AVA9 host drivers' api_stats without --debug: no per-chip
 * temperatures, no power, no SYSTEMSTATU; `DH` only on the 851 and the A9.
 */
function controllerModuleTokens(dev: SimDevice, r: SimReading, m: ModuleReading): Token[] {
  const p = dev.profile;
  const driver = p.controller!;
  const boards = m.boards.map((i) => r.boards[i]!);
  const sum = (g: (b: BoardReading) => number): number => boards.reduce((a, b) => a + g(b), 0);
  const ghsMm = sum((b) => b.ghsMm);
  const diff1PerS = (sum((b) => b.ghsAvg) * 1e9) / 2 ** 32;
  const chips = boards.length * p.chipsPerBoard;
  const hot = boards.filter((b) => b.tempMaxC !== 0);
  const localWorks = Math.round(r.chipWorks / r.boards.length);
  const t: Token[] = [
    ['Ver', `${p.verModel}${p.firmware}`],
    // Each module has its own MM: the rig's DNA with the module number in its last digit.
    ['DNA', `${dev.dna.slice(0, -1)}${m.index + 1}`],
    ['Elapsed', String(m.elapsedS)],
    ['MW', list(boards.map(() => localWorks))],
    ['LW', String(localWorks * boards.length)],
    ['MH', list(boards.map((b) => b.hwErrors))],
    ['HW', String(sum((b) => b.hwErrors))],
  ];
  if (driver.fn === 'avalon9' || p.verModel === '851') t.push(['DH', `${fixed(r.dhPercent, 3)}%`]);
  t.push(
    ['Temp', String(r.inletC)],
    ['TMax', String(hot.length ? Math.max(...hot.map((b) => b.tempMaxC)) : 0)],
    ['Fan', String(r.fanRpm[m.index] ?? 0)],
    ['FanR', `${r.fanDuty}%`],
    // Vi: input per board in 0.01 V; Vo: average chip voltage per board in 0.1 mV (avalon-protocol.md 3.2).
    ['Vi', list(boards.map(() => 1208))],
    ['Vo', list(boards.map((b) => Math.round(b.avgMv * 10)))],
    ['GHSmm', fixed(ghsMm, 2)],
    ['WU', fixed(diff1PerS * 60, 2)],
    ['Freq', fixed(chips > 0 ? (ghsMm * 1000) / (chips * driver.freqDivisor) : 0, 2)],
    // A repair guide: PG should read 15 on an A851 (anything else = PMU fault).
    ['PG', '15'],
    ['Led', String(m.led)],
  );
  boards.forEach((b, j) => t.push([`MW${j}`, list(b.matchedWorks)]));
  t.push(
    ['TA', String(boards.filter((b) => b.echu !== BOARD_DOWN_ECHU).length * p.chipsPerBoard)],
    ['ECHU', list(boards.map((b) => b.echu))],
    ['ECMM', '0'],
    ['FM', '0'],
    ['CRC', list(boards.map(() => 0))],
  );
  return t;
}

function nano3Tokens(dev: SimDevice, r: SimReading): Token[] {
  const p = dev.profile;
  const c = common(dev, r);
  const b = r.boards[0]!;
  const hashing = r.wallW > p.idleW;
  // Nano 3 PS[]: slot 3 input current, slot 4 input voltage (0.01 V), slot 5 power (W), slot 6 chain voltage.
  const ps = [0, 0, 0, Math.round(r.wallW / 27.92), 2792, r.wallW, hashing ? (r.mode.calibrationVolt ?? 0) : 0];
  return [
    ['HashStatus', '1'],
    ['Ver', `${p.verModel}-${p.firmware}`],
    ['HVer', '24071801_b906c52_6223725'],
    // The Nano 3 prints zeros as DNA and its real id as HDNA.
    ['DNA', '0000000000000000'],
    ['HDNA', dev.dna],
    ['PFCnt', String(r.poolFailures)],
    ['NETFAIL', list(r.netfail)],
    ['Elapsed', String(r.elapsedS)],
    ['LW', String(r.chipWorks)],
    ['MH', String(b.hwErrors)],
    ['DHW', '0'],
    ['HW', c.hw],
    ['DH', c.dh],
    ['Temp', String(r.inletC)],
    ['OTemp', String(r.outletC)],
    ['TMax', String(r.tempMaxC)],
    ['TAvg', String(r.tempAvgC)],
    ['TarT', String(r.targetTempC)],
    ['Fan1', String(r.fanRpm[0] ?? 0)],
    ['FanR', `${r.fanDuty}%`],
    ['Vo', '0'],
    ['PS', list(ps)],
    ['GHSspd', c.ghsSpd],
    ['DHspd', c.dh],
    ['GHSmm', c.ghsMm],
    ['GHSavg', c.ghsAvg],
    ['WU', c.wu],
    // The captured Nano 3 reports Freq[0.00] while hashing.
    ['Freq', '0.00'],
    ['Led', String(r.led)],
    ['MGHS', c.mgHs],
    ['MTmax', String(b.tempMaxC)],
    ['MTavg', String(b.tempAvgC)],
    ['TA', c.ta],
    ['Core', p.core],
    ['PING', c.ping],
    ['SoftOFF', c.softOff],
    ['ECHU', c.echu],
    ['ECMM', '0'],
    ['PLL0', list(c.f.pll[0] ?? [])],
    ['SF0', c.sf],
    ['PVT_T0', pvtTemps(b.chipTempsC)],
    ['PVT_V0', list(b.chipMv)],
    ['MW0', list(b.matchedWorks)],
    ['CRC', '0'],
    ...p.modes.map(
      (m, i): Token => [`ATA${i}`, `${Math.round(p.nominalW * m.powerFactor)}-${m.targetTempC}-${m.calibrationVolt ?? 0}-${m.pllMhz.join(':')}`],
    ),
    ['WORKLEVEL', String(r.mode.value)],
    ['MPO', String(r.maxPowerW)],
    ['ADJ', '1'],
  ];
}

/** PS[] of the Nano 3S: slot 2 input voltage (mV), slot 3 input current, slot 5 chain mV, slot 6 wall W. */
function psNano3s(r: SimReading): string {
  const hashing = r.boardW > 0;
  return list([0, 0, 27541, Math.floor(r.wallW / 27.541), 0, hashing ? (r.mode.calibrationVolt ?? 0) : 0, r.wallW]);
}

/** The flat MM319 string of the Nano 3S and Mini 3. */
function mm319FlatTokens(dev: SimDevice, r: SimReading): Token[] {
  const p = dev.profile;
  const c = common(dev, r);
  const b = r.boards[0]!;
  const mini = p.dialect === 'mini3';
  const head: Token[] = mini
    ? [
        ['HashStatus', '0'],
        ['Ver', `${p.verModel}-${p.firmware}`],
        ['LVer', p.firmware],
        ['BVer', p.firmware],
        ['Mcu0Ver', 'Mini3_hb_v1.0'],
        ['FW', 'Release'],
      ]
    : [
        ['Ver', `${p.verModel}-${p.firmware}`],
        ['LVer', p.firmware],
        ['BVer', p.firmware],
        ['FW', 'Release'],
        ['LED', `${r.led}-0`],
        ['LEDUser', r.ledUser.join('-')],
        ['LcdOnoff', '1'],
        ['LcdSwitch', '2'],
      ];
  const temps: Token[] = mini
    ? [
        ['ITemp', String(r.inletC)],
        ['OTemp', String(r.outletC)],
        ['HBTemp', String(Math.max(0, r.tempAvgC - 7))],
      ]
    : [
        // The captured Nano 3S has no inlet sensor: -273 means "absent".
        ['ITemp', '-273'],
        ['OTemp', String(r.outletC)],
      ];
  return [
    ...head,
    ['DNA', dev.dna],
    ['MEMFREE', String(c.f.memFree)],
    ...(mini ? [] : [['PFCnt', String(r.poolFailures)] as Token]),
    ['NETFAIL', list(r.netfail)],
    ['SYSTEMSTATU', systemStatus(r, false)],
    ['Elapsed', String(r.elapsedS)],
    ['BOOTBY', '0x01.00000000'],
    ['LW', String(r.chipWorks)],
    ['MH', String(b.hwErrors)],
    ['DHW', '0'],
    ['HW', c.hw],
    ['DH', c.dh],
    ...temps,
    ['TMax', String(r.tempMaxC)],
    ['TAvg', String(r.tempAvgC)],
    ['TarT', String(r.targetTempC)],
    ['Fan1', String(r.fanRpm[0] ?? 0)],
    ['FanR', `${r.fanDuty}%`],
    ['PS', mini ? psASeries(dev, r) : psNano3s(r)],
    ...(mini ? [['PCOMM_E', '0'] as Token] : []),
    ['GHSspd', c.ghsSpd],
    ['DHspd', c.dh],
    ['GHSmm', c.ghsMm],
    ['GHSavg', c.ghsAvg],
    ['WU', c.wu],
    ['Freq', c.freq],
    ['MGHS', c.mgHs],
    ['MTmax', String(b.tempMaxC)],
    ['MTavg', String(b.tempAvgC)],
    ['TA', c.ta],
    ['Core', p.core],
    ['BIN', '60'],
    ['PING', c.ping],
    ['SoftOFF', c.softOff],
    ['ECHU', c.echu],
    ['ECMM', '0'],
    ['PLL0', list(c.f.pll[0] ?? [])],
    ['SF0', c.sf],
    ['PVT_T0', pvtTemps(b.chipTempsC)],
    ['PVT_V0', list(b.chipMv)],
    ['MW0', list(b.matchedWorks)],
    ['CRC', '0'],
    ['COMCRC', '0'],
    [`ATA${r.mode.value}`, ataMm319(r.mode, r.maxPowerW)],
    ['WORKMODE', String(r.mode.value)],
    ['WORKLEVEL', String(r.workLevel)],
    ['MPO', String(r.maxPowerW)],
    ['CALIALL', '7'],
    ['ADJ', '1'],
  ];
}

/** `STATE[n]` indexes the firmware's state texts (Nano 3S source): 0 In Init, 1 In Work, 2 In Idle, 3 In Fault. */
function stateNumber(state: RunState): number {
  return { init: 0, work: 1, idle: 2, fault: 3 }[state];
}

function qSummaryTokens(dev: SimDevice, r: SimReading): Token[] {
  const p = dev.profile;
  const c = common(dev, r);
  const b = r.boards[0]!;
  return [
    ['Ver', `${p.verModel}-${p.firmware}`],
    ['LVer', p.firmware],
    ['BVer', p.firmware],
    ['HashMcu0Ver', 'Q_hb_v1.1'],
    ['FanMcuVer', 'Q_fb_v1.2'],
    ['CPU', 'K230'],
    ['FW', 'Release'],
    ['DNA', dev.dna],
    ['STATE', String(stateNumber(r.state))],
    ['MEMFREE', String(c.f.memFree)],
    ['NETFAIL', list(r.netfail)],
    ['SSID', ''],
    ['RSSI', '0'],
    ['NetDevType', '0'],
    ['SYSTEMSTATU', systemStatus(r, false)],
    ['Elapsed', String(r.elapsedS)],
    ['BOOTBY', '0x01.00000000'],
    ['LW', String(r.chipWorks)],
    ['MH', String(b.hwErrors)],
    ['DHW', '0'],
    ['HW', c.hw],
    ['DH', c.dh],
    ['ITemp', String(r.inletC)],
    ['HBITemp', String(r.inletC + 1)],
    ['HBOTemp', String(r.outletC)],
    ['TMax', String(r.tempMaxC)],
    ['TAvg', String(r.tempAvgC)],
    ['TarT', String(r.targetTempC)],
    ...r.fanRpm.map((rpm, i): Token => [`Fan${i + 1}`, String(rpm)]),
    ['FanR', `${r.fanDuty}%`],
    ['SoftOffTime', '0'],
    ['SoftOnTime', '0'],
    ['Filter', String(Math.floor(r.elapsedS / 2))],
    ['FanErr', '0'],
    ['SoloAllowed', '1'],
    ['PS', psASeries(dev, r)],
    ['PCOMM_E', '0'],
    ['GHSspd', c.ghsSpd],
    ['DHspd', c.dh],
    ['GHSmm', c.ghsMm],
    ['GHSavg', c.ghsAvg],
    ['WU', c.wu],
    ['Freq', c.freq],
    ['MGHS', c.mgHs],
    ['TA', c.ta],
    ['Core', p.core],
    ['BIN', '36'],
    ['PING', c.ping],
    ['SoftOFF', c.softOff],
    ['ECHU', c.echu],
    ['ECMM', '0'],
    ['PLL0', list(c.f.pll[0] ?? [])],
    ['SF0', c.sf],
    ['CRC', '0'],
    ['COMCRC', '0'],
    [`ATA${r.mode.value}`, ataMm319(r.mode, r.maxPowerW)],
    ['LcdOnoff', '1'],
    ['Activation', '0'],
    ['WORKMODE', String(r.mode.value)],
    ['WORKLEVEL', String(r.workLevel)],
    ['MPO', String(r.maxPowerW)],
    ['CALIALL', '7'],
    ['ADJ', '1'],
    ['Nonce Mask', '25'],
  ];
}

/**
 * The driver's fields of the device element in `stats`/`estats`: `MM ID0`
 * on every model but the Q, whose 2025 firmware splits it into
 * `MM ID0:Summary` (`'STATS':{...}`) and `HBinfo` (`'HB0':{...}`, the
 * per-chip arrays).
 */
export function driverStrings(dev: SimDevice, r: SimReading): Record<string, string> {
  switch (dev.profile.dialect) {
    case 'a-series':
      return { 'MM ID0': joinTokens(aSeriesTokens(dev, r)) };
    case 'a10':
      return { 'MM ID0': joinTokens(a10Tokens(dev, r)) };
    case 'controller': {
      // One `MM ID<n>` per module that answers, n = its I2C address 1..6.
      const out: Record<string, string> = {};
      for (const m of r.modules) if (m.present) out[`MM ID${m.index + 1}`] = joinTokens(controllerModuleTokens(dev, r, m));
      return out;
    }
    case 'nano3':
      return { 'MM ID0': joinTokens(nano3Tokens(dev, r)) };
    case 'nano3s':
    case 'mini3':
      return { 'MM ID0': joinTokens(mm319FlatTokens(dev, r)) };
    case 'q': {
      const b = r.boards[0]!;
      const hb = joinTokens([
        ['PVT_T0', pvtTemps(b.chipTempsC)],
        ['PVT_V0', list(b.chipMv)],
        ['MW0', list(b.matchedWorks)],
      ]);
      return { 'MM ID0:Summary': `'STATS':{${joinTokens(qSummaryTokens(dev, r))}}`, HBinfo: `'HB0':{${hb}}` };
    }
  }
}

/** The compact `litestats` string of the Nano 3S / Mini 3 (Nano 3S source, litestats branch). */
export function liteString(dev: SimDevice, r: SimReading): string {
  const p = dev.profile;
  return joinTokens([
    ['LVer', p.firmware],
    ['BVer', p.firmware],
    ['MVer', perBoard(r, () => 0)],
    ['FW', 'Release'],
    ['STATE', String(stateNumber(r.state))],
    ['MODE', String(r.mode.value)],
    ['LEVEL', String(r.workLevel)],
    // Printed with "%f" here, unlike the two decimals of the full string.
    ['GHSspd', fixed(r.ghs5s, 6)],
    ['ITemp', p.dialect === 'nano3s' ? '-273' : String(r.inletC)],
    ['OTemp', String(r.outletC)],
    ['Limitemp', '0'],
    ['FanR', `${r.fanDuty}%`],
    ['Filter', String(Math.floor(r.elapsedS / 2))],
    ['LED', `${r.led}-0`],
    ['LEDUser', r.ledUser.join('-')],
    ['LcdOnoff', '1'],
    ['LcdSwitch', '2'],
    ['LcdBright', '0'],
    ['ECHU', perBoard(r, (b) => b.echu)],
    ['ECMM', '0'],
    ['SSID', ''],
    ['RSSI', '0'],
    ['NetDevType', '0'],
  ]);
}
