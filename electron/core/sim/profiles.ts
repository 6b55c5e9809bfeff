// What the simulator knows about each model: the identity strings its
// firmware reports, which reply dialect it speaks, and the physical figures
// the behaviour model needs. Every figure's source is listed in
// docs/simulator.md; figures marked "assumed" there are simulator choices,
// not device facts.
import { modelById, ratedThs, type AvalonModel } from '../avalon/models.js';

/**
 * Reply dialects:
 * - a-series: A12-A15 integrated controllers (AVA10 driver, `MM ID0`, `MHS 30s`,
 *   `When` = seconds since boot, API access control on).
 * - a10: A1026/A1047/A1066 (MM3, the A10 manual's "universal API"): A-series
 *   replies in the manual's token order, work mode from the next boot.
 * - controller: A8/A9 rigs, cgminer on a controller with one `MM ID<n>` per
 *   module (host drivers avalon8 / avalon9), upstream `version`.
 * - nano3: Nano 3 (MM318): `Avalon0o`/`0o3` identity, AVANANO driver, WORKLEVEL only.
 * - nano3s / mini3: MM319 home miners with a flat `MM ID0` string.
 * - q: Avalon Q (MM319, 2025): `MM ID0:Summary` + `HBinfo` layout.
 */
export type Dialect = 'a-series' | 'a10' | 'controller' | 'nano3' | 'nano3s' | 'mini3' | 'q';

/** What differs between the controller-era host drivers (AVA8, AVA9, AVA9-911; docs/simulator.md). */
export interface ControllerDriver {
  /** Driver short name: `devs` Name and the stats ID prefix (`AV8` -> `AV80`). */
  name: 'AV8' | 'AV9';
  /** Modules (MM ID1..n) on the simulated AUC. */
  modules: number;
  /** PLL points `frequency` takes: 1 (A8: one value for all four), 7 (A9), 4 (A911). */
  freqPoints: 1 | 4 | 7;
  /** `voltage-level` bounds (AVA8/AVA9 `*_DEFAULT_VOLTAGE_LEVEL_MIN/MAX`). */
  voltageLevel: readonly [number, number];
  /** `Freq[...]` = GHSmm in MH/s / (chips x this): 172 in AVA8, 256 in AVA9. */
  freqDivisor: number;
  /** Whether the driver has `target-temp` (only the avalon911 branch). */
  targetTemp: boolean;
  /** Function name in the driver's failure texts (`set_avalon8_device_freq`). */
  fn: 'avalon8' | 'avalon9';
}

/** Which performance knob the firmware reports for the mode table. */
export type ModeKey = 'WORKMODE' | 'WORKLEVEL';

/** One work mode (or, on the Nano 3, work level); its name is in the catalog. */
export interface SimMode {
  value: number;
  /** Hash rate and wall power relative to the model's nominal (default-mode) figures. */
  hashFactor: number;
  powerFactor: number;
  /** Target chip temperature the fan controller holds (`TarT`). */
  targetTempC: number;
  /** The four PLL set points (`SF0[...]`), MHz. */
  pllMhz: readonly [number, number, number, number];
  /** Chain voltage of this mode's calibration (third field of `ATA<n>[...]`), home models only. */
  calibrationVolt?: number;
}

export interface SimProfile {
  id: string;
  dialect: Dialect;
  product: string;
  modelCode: string;
  hwType: string;
  swType: string;
  /** Firmware build as `VERSION`/`LVERSION` report it. */
  firmware: string;
  /** Model part of the estats `Ver[...]` token (`15-194`, `nano3`, `Nano3s`, `Mini3`, `Q`). */
  verModel: string;
  core: string;
  nominalGhs: number;
  nominalW: number;
  hashBoards: number;
  chipsPerBoard: number;
  fans: number;
  modeKey: ModeKey;
  modes: readonly SimMode[];
  defaultMode: number;
  /** Fan speed at 100 % duty. */
  maxFanRpm: number;
  /** Lowest duty the automatic fan control uses. */
  minFanPercent: number;
  /** Chip-average rise over inlet at nominal power and `refFanPercent` duty. */
  refRiseC: number;
  refFanPercent: number;
  /** Chip temperature at which the firmware stops hashing. */
  overheatC: number;
  /** Typical per-chip voltage as `PVT_V` prints it. */
  chipMv: number;
  /** Chip error ratio `DH`, percent. */
  dhPercent: number;
  /** Pool share difficulty. */
  poolDiff: number;
  /** Local works (`LW`) per second. */
  localWorkPerS: number;
  /** Growth of each chip's matched-nonce counter (`MW<n>[...]`, cumulative since start) per second at nominal. */
  matchedWorksPerChipS: number;
  /** Wall power while not hashing (standby, no work). */
  idleW: number;
  /** Board rail voltage (`PS[2]`), 0.01 V, on models whose PS[] has the A-series layout. */
  railCentivolts: number;
  /** The estats string carries `WALLPOWER[...]` (seen on the A1566 only). */
  hasWallPowerKey: boolean;
  /** Controller-era rigs only: the host driver; `hashBoards` and `fans` then count every module's. */
  controller?: ControllerDriver;
}

/** The simulator's own part of a profile; identity and nominal figures come from the catalog. */
type CatalogFields = 'product' | 'modelCode' | 'hwType' | 'swType' | 'verModel' | 'nominalGhs' | 'nominalW' | 'hashBoards' | 'chipsPerBoard' | 'fans';

type SimSpec = Omit<SimProfile, CatalogFields> & {
  /**
   * Figures the catalog leaves unknown (null) that a simulation still needs.
   * Simulator assumptions, listed in docs/simulator.md; never shown as ratings.
   */
  assumed?: Partial<Pick<SimProfile, 'product' | 'modelCode' | 'hwType' | 'swType' | 'chipsPerBoard' | 'fans'>> & { ths?: number; w?: number };
};

/** Controller-era `version` is upstream cgminer's: no PROD/MODEL/HWTYPE/SWTYPE (avalon-protocol.md 2.2). */
const NO_CANAAN_IDENTITY = { product: '', modelCode: '', hwType: '', swType: '' };

// One controller-era module: a single operating point (these drivers have no work modes).
const controllerMode = (targetTempC: number, pll: Pll): SimMode[] => [{ value: 0, hashFactor: 1, powerFactor: 1, targetTempC, pllMhz: pll }];

const controllerBase = {
  dialect: 'controller' as const,
  modeKey: 'WORKMODE' as const,
  defaultMode: 0,
  maxFanRpm: 6000,
  minFanPercent: 5,
  refRiseC: 45,
  refFanPercent: 60,
  overheatC: 105,
  dhPercent: 1.5,
  poolDiff: 65_536,
  localWorkPerS: 400,
  matchedWorksPerChipS: 0.02,
  idleW: 40,
  railCentivolts: 0,
  hasWallPowerKey: false,
};

type Pll = SimMode['pllMhz'];
const scalePll = (p: Pll, f: number): Pll => [Math.round(p[0] * f), Math.round(p[1] * f), Math.round(p[2] * f), Math.round(p[3] * f)];

// A10-series manual: work mode 0 normal, 1 high performance. The A1566 capture runs mode 1.
const aSeriesModes = (pll: Pll): SimMode[] => [
  { value: 0, hashFactor: 0.9, powerFactor: 0.84, targetTempC: 68, pllMhz: scalePll(pll, 0.9) },
  { value: 1, hashFactor: 1, powerFactor: 1, targetTempC: 70, pllMhz: pll },
];

const SPECS: readonly SimSpec[] = [
  {
    id: 'a1566',
    dialect: 'a-series',
    firmware: '24102401_25462b2_9ddf522',
    core: 'A3197S',
    modeKey: 'WORKMODE',
    modes: aSeriesModes([300, 318, 339, 360]),
    defaultMode: 1,
    maxFanRpm: 6900,
    minFanPercent: 15,
    refRiseC: 39,
    refFanPercent: 49,
    overheatC: 95,
    chipMv: 285,
    dhPercent: 1.3,
    poolDiff: 262_144,
    localWorkPerS: 732,
    matchedWorksPerChipS: 0.0215,
    idleW: 11,
    railCentivolts: 1187,
    hasWallPowerKey: true,
  },
  {
    id: 'a1466',
    assumed: { hwType: 'MM4v2_X3', swType: 'MM319' },
    dialect: 'a-series',
    firmware: '23120401_6b5a2c1_88e4f0d',
    core: 'A3197S',
    modeKey: 'WORKMODE',
    modes: aSeriesModes([290, 310, 330, 350]),
    defaultMode: 1,
    maxFanRpm: 6900,
    minFanPercent: 15,
    refRiseC: 39,
    refFanPercent: 52,
    overheatC: 95,
    chipMv: 290,
    dhPercent: 1.4,
    poolDiff: 131_072,
    localWorkPerS: 700,
    matchedWorksPerChipS: 0.0215,
    idleW: 11,
    railCentivolts: 1250,
    hasWallPowerKey: false,
  },
  {
    id: 'a1366',
    assumed: { hwType: 'MM4v1_X3', swType: 'MM317', chipsPerBoard: 120, fans: 2 },
    dialect: 'a-series',
    firmware: '23032101_0ac3d45_a12b7e9',
    core: 'A3205',
    modeKey: 'WORKMODE',
    modes: aSeriesModes([450, 475, 500, 525]),
    defaultMode: 1,
    maxFanRpm: 6900,
    minFanPercent: 15,
    refRiseC: 40,
    refFanPercent: 55,
    overheatC: 95,
    chipMv: 330,
    dhPercent: 1.5,
    poolDiff: 131_072,
    localWorkPerS: 650,
    matchedWorksPerChipS: 0.0215,
    idleW: 11,
    railCentivolts: 1391,
    hasWallPowerKey: false,
  },
  {
    id: 'a1246',
    dialect: 'a-series',
    firmware: '21042001_4ec6bb0_61407fa',
    core: 'A3201',
    modeKey: 'WORKMODE',
    modes: aSeriesModes([575, 600, 625, 650]),
    defaultMode: 1,
    maxFanRpm: 6000,
    minFanPercent: 15,
    refRiseC: 42,
    refFanPercent: 60,
    overheatC: 95,
    chipMv: 345,
    dhPercent: 1.6,
    poolDiff: 65_536,
    localWorkPerS: 600,
    matchedWorksPerChipS: 0.0215,
    idleW: 11,
    railCentivolts: 1250,
    hasWallPowerKey: false,
  },
  {
    id: 'a1066',
    dialect: 'a10',
    // The A10 manual's estats example (A1066): Ver, SF points, Vo, DH, Temp/TAvg at FanR 55 %.
    firmware: '19101244_fe411a8_71edeca',
    core: 'A3205',
    modeKey: 'WORKMODE',
    // Manual: mode 0 "31T normal", mode 1 "37T performance" on its example unit; the power factor is assumed.
    modes: [
      { value: 0, hashFactor: 31 / 37, powerFactor: 0.8, targetTempC: 68, pllMhz: scalePll([575, 600, 625, 650], 31 / 37) },
      { value: 1, hashFactor: 1, powerFactor: 1, targetTempC: 70, pllMhz: [575, 600, 625, 650] },
    ],
    defaultMode: 1,
    maxFanRpm: 5470,
    minFanPercent: 15,
    refRiseC: 41,
    refFanPercent: 55,
    overheatC: 95,
    chipMv: 325,
    dhPercent: 0.74,
    poolDiff: 131_072,
    localWorkPerS: 680,
    matchedWorksPerChipS: 0.033,
    idleW: 11,
    railCentivolts: 1279,
    hasWallPowerKey: false,
  },
  {
    id: 'a851',
    ...controllerBase,
    assumed: NO_CANAAN_IDENTITY,
    // `<model><YYMM>-<git7>` as in `Ver[7411706-3162860]` (avalon-protocol.md 5); this build string is invented.
    firmware: '1905-3c5e12a',
    core: 'A3210',
    // AVA8 dev table: the 851's top default PLL point is 850 MHz.
    modes: controllerMode(90, [775, 800, 825, 850]),
    chipMv: 380,
    controller: { name: 'AV8', modules: 3, freqPoints: 1, voltageLevel: [-15, 15], freqDivisor: 172, targetTemp: false, fn: 'avalon8' },
  },
  {
    id: 'a921',
    ...controllerBase,
    assumed: NO_CANAAN_IDENTITY,
    firmware: '1809-2e4b6c1',
    core: 'A3206',
    // PB-A921: modules at about 815-830 MHz.
    modes: controllerMode(90, [780, 800, 815, 830]),
    chipMv: 415,
    controller: { name: 'AV9', modules: 3, freqPoints: 7, voltageLevel: [-15, 15], freqDivisor: 256, targetTemp: false, fn: 'avalon9' },
  },
  {
    id: 'a911',
    ...controllerBase,
    assumed: NO_CANAAN_IDENTITY,
    firmware: '1909-7d1f0a3',
    core: 'A3206',
    modes: controllerMode(90, [700, 725, 750, 775]),
    chipMv: 400,
    controller: { name: 'AV9', modules: 2, freqPoints: 4, voltageLevel: [0, 35], freqDivisor: 256, targetTemp: true, fn: 'avalon9' },
  },
  {
    id: 'nano3',
    dialect: 'nano3',
    firmware: '24071801_42c628d',
    core: 'A3198S',
    modeKey: 'WORKLEVEL',
    // The three ATA<level> calibrations of the capture: max power, target temperature, PLL points.
    modes: [
      { value: 0, hashFactor: 313 / 461, powerFactor: 60 / 90, targetTempC: 80, pllMhz: [100, 293, 313, 333], calibrationVolt: 310 },
      { value: 1, hashFactor: 1, powerFactor: 1, targetTempC: 85, pllMhz: [100, 441, 461, 481], calibrationVolt: 324 },
      { value: 2, hashFactor: 588 / 461, powerFactor: 125 / 90, targetTempC: 90, pllMhz: [100, 568, 588, 608], calibrationVolt: 344 },
    ],
    defaultMode: 1,
    maxFanRpm: 5400,
    minFanPercent: 15,
    refRiseC: 47,
    refFanPercent: 41,
    overheatC: 105,
    chipMv: 311,
    dhPercent: 2.0,
    poolDiff: 16_384,
    localWorkPerS: 25,
    matchedWorksPerChipS: 0.0152,
    idleW: 3,
    railCentivolts: 0,
    hasWallPowerKey: false,
  },
  {
    id: 'nano3s',
    dialect: 'nano3s',
    firmware: '25021401_56abae7',
    core: 'A3197S',
    modeKey: 'WORKMODE',
    modes: [
      { value: 0, hashFactor: 0.6, powerFactor: 0.55, targetTempC: 80, pllMhz: [260, 270, 283, 295], calibrationVolt: 3450 },
      { value: 1, hashFactor: 0.8, powerFactor: 0.75, targetTempC: 85, pllMhz: [346, 360, 377, 394], calibrationVolt: 3600 },
      { value: 2, hashFactor: 1, powerFactor: 1, targetTempC: 90, pllMhz: [432, 450, 471, 492], calibrationVolt: 3756 },
    ],
    defaultMode: 2,
    maxFanRpm: 3050,
    minFanPercent: 15,
    refRiseC: 65,
    refFanPercent: 33,
    overheatC: 105,
    chipMv: 301,
    dhPercent: 2.4,
    poolDiff: 65_536,
    localWorkPerS: 773,
    matchedWorksPerChipS: 0.0317,
    idleW: 4,
    railCentivolts: 0,
    hasWallPowerKey: false,
  },
  {
    id: 'mini3',
    dialect: 'mini3',
    firmware: '25011701_3f53b19',
    core: 'A3197S',
    modeKey: 'WORKMODE',
    modes: [
      { value: 0, hashFactor: 0.85, powerFactor: 0.9, targetTempC: 80, pllMhz: [400, 420, 440, 460], calibrationVolt: 1990 },
      { value: 1, hashFactor: 1, powerFactor: 1, targetTempC: 75, pllMhz: [450, 470, 490, 510], calibrationVolt: 2085 },
      { value: 2, hashFactor: 0.6, powerFactor: 0.55, targetTempC: 70, pllMhz: [280, 295, 310, 325], calibrationVolt: 1800 },
    ],
    defaultMode: 1,
    maxFanRpm: 3000,
    minFanPercent: 15,
    refRiseC: 43,
    refFanPercent: 100,
    overheatC: 100,
    chipMv: 316,
    dhPercent: 1.8,
    poolDiff: 131_072,
    localWorkPerS: 788,
    matchedWorksPerChipS: 0.02,
    idleW: 10,
    railCentivolts: 2083,
    hasWallPowerKey: false,
  },
  {
    id: 'avalon-q',
    dialect: 'q',
    firmware: '25052801_14a19a2',
    core: 'A3197S',
    modeKey: 'WORKMODE',
    modes: [
      { value: 0, hashFactor: 1, powerFactor: 1, targetTempC: 65, pllMhz: [258, 276, 297, 318], calibrationVolt: 2264 },
      { value: 1, hashFactor: 1.3, powerFactor: 1.45, targetTempC: 70, pllMhz: [336, 359, 386, 413], calibrationVolt: 2400 },
      { value: 2, hashFactor: 1.6, powerFactor: 1.95, targetTempC: 75, pllMhz: [413, 442, 475, 509], calibrationVolt: 2550 },
    ],
    defaultMode: 0,
    maxFanRpm: 4000,
    minFanPercent: 15,
    refRiseC: 38,
    refFanPercent: 45,
    overheatC: 100,
    chipMv: 276,
    dhPercent: 2.4,
    poolDiff: 524_288,
    localWorkPerS: 449,
    matchedWorksPerChipS: 0.0158,
    idleW: 146,
    railCentivolts: 2250,
    hasWallPowerKey: false,
  },
];

/** The mode the catalog's rating applies to (`ratedAt`), else the default mode. */
function ratedMode(spec: SimSpec, model: AvalonModel | undefined): SimMode {
  const at = spec.modeKey === 'WORKLEVEL' ? model?.ratedAt?.worklevel : model?.ratedAt?.workmode;
  const mode = spec.modes.find((m) => m.value === (at ?? spec.defaultMode)) ?? spec.modes.find((m) => m.value === spec.defaultMode);
  if (!mode) throw new Error(`simulator profile "${spec.id}" has no mode ${at ?? spec.defaultMode}`);
  return mode;
}

/**
 * A spec completed from the model catalog, the single source of identity
 * strings and figures: the rating (the bin in MODEL where the model encodes
 * one, else the catalog's), scaled from the mode it applies to down to the
 * default mode; else what a real unit was observed doing; else the spec's
 * assumption.
 */
function withCatalog(spec: SimSpec): SimProfile {
  const model = modelById(spec.id);
  const { assumed, ...rest } = spec;
  const product = model?.reported?.product ?? assumed?.product;
  const modelCode = model?.reported?.modelCode ?? assumed?.modelCode;
  const hwType = model?.reported?.hwType ?? assumed?.hwType;
  const swType = model?.reported?.swType ?? assumed?.swType;
  const rated = ratedMode(spec, model);
  const ratedTh = model ? ratedThs(model, modelCode) : undefined;
  // Controller-era ratings, boards and fans are per module; the simulated rig carries several.
  const modules = spec.controller?.modules ?? 1;
  const unitThs = ratedTh !== undefined ? ratedTh / rated.hashFactor : (model?.observed?.ths ?? assumed?.ths);
  const unitW = model?.nominalW != null ? model.nominalW / rated.powerFactor : (model?.observed?.w ?? assumed?.w);
  const ths = unitThs === undefined ? undefined : unitThs * modules;
  const w = unitW === undefined ? undefined : unitW * modules;
  const hashBoards = model?.hashBoards == null ? undefined : model.hashBoards * modules;
  const chipsPerBoard = model?.chipsPerBoard ?? assumed?.chipsPerBoard;
  const unitFans = model?.fans ?? assumed?.fans;
  const fans = unitFans === undefined || unitFans === null ? undefined : unitFans * modules;
  if (
    ths === undefined || w === undefined || product === undefined || modelCode === undefined || hwType === undefined ||
    swType === undefined || hashBoards === undefined || chipsPerBoard === undefined || fans === undefined
  ) {
    throw new Error(`simulator profile "${spec.id}" lacks catalog figures (electron/core/avalon/models.ts)`);
  }
  // `Ver[...]` starts with the module version prefix (`nano3-`, `Q-`), or MODEL on the A-series.
  const verModel = model?.reported?.moduleVer?.replace(/-$/, '') ?? modelCode;
  return { ...rest, product, modelCode, hwType, swType, verModel, nominalGhs: ths * 1000, nominalW: w, hashBoards, chipsPerBoard, fans };
}

export const PROFILES: readonly SimProfile[] = SPECS.map(withCatalog);

export function profileById(id: string): SimProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}

/**
 * The default mixed fleet, in the order devices are assigned models. The
 * older generations come last, so fleets of up to eight (the tests'
 * and browser tests' demo fleets) keep the current models; the app's demo
 * of twelve shows an A1066 and an A851 rig too.
 */
export const DEFAULT_FLEET_MODELS: readonly string[] = ['a1566', 'nano3s', 'avalon-q', 'mini3', 'a1466', 'nano3', 'a1366', 'a1246', 'a1066', 'a851'];
