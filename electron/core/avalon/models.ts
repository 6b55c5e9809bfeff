// The Avalon model catalog: how each model identifies itself, what it is
// rated for, and which controls its firmware dialect offers. Every figure
// here is sourced in docs/models.md; a figure no source gives is `null`
// (unknown), never a guess.
import type { DeviceIdentity } from '../../contract/snapshot.js';

export type ControlId =
  | 'workmode'
  | 'worklevel'
  | 'fan'
  | 'target-temp'
  | 'led'
  | 'reboot'
  | 'softoff'
  | 'softon'
  | 'freq'
  | 'voltage'
  | 'pools';

export interface ModeName {
  value: number;
  name: string;
}

/** How a model recognises itself. Matching is case-insensitive. */
export interface AvalonMatch {
  /** `MODEL` from `version`, e.g. /^1246(-\d+)?$/ for "1246-83". */
  modelCode?: RegExp;
  /** `PROD` from `version`. */
  product?: RegExp;
  /** `HWTYPE` from `version`; only where one control board belongs to one model. */
  hwType?: RegExp;
  /** The module version `Ver[...]` in stats (controller-era rigs report nothing else). */
  moduleVer?: RegExp;
  /** USB vendor/product ids, for USB-attached models. */
  usb?: readonly { vendorId: number; productId: number }[];
}

/** What a real unit of this model reported, as seen in a capture or source (used by the simulator and tests). */
export interface ReportedIdentity {
  product?: string;
  modelCode?: string;
  hwType?: string;
  swType?: string;
  /** Prefix of the stats `Ver[...]` string. */
  moduleVer?: string;
  /** `ID` of the stats device entry, e.g. "AVA100", "AVALON0". */
  statsId?: string;
}

export interface AvalonModel {
  id: string;
  displayName: string;
  /** Firmware/driver generation; controls and parsing rules follow the family. */
  family: AvalonFamily;
  connection: 'network' | 'usb';
  match: AvalonMatch;
  reported?: ReportedIdentity;
  /** Rated hash rate in TH/s; null = no source found. */
  nominalThs: number | null;
  /** Rated wall power in W at `nominalThs`; null = no source found. */
  nominalW: number | null;
  /**
   * The work mode / level the rating applies to, for models whose rating is
   * one of several selectable modes (home miners). Absent = the rating is the
   * model's only (or default) operating point.
   */
  ratedAt?: { workmode?: number; worklevel?: number };
  /**
   * What one real, hashing unit reported in a capture (TH/s real-time, wall W),
   * for the simulator and for sanity checks; not a rating.
   */
  observed?: { ths?: number; w?: number; source: string };
  /**
   * True where the number after the last `-` of MODEL is the unit's rated
   * TH/s bin (A1246 "1246-83", A1346 "1346-110", A15 "15-194").
   */
  ratedBinInModelCode?: boolean;
  /** Hash boards per unit (per module on controller-era rigs); null = unknown. */
  hashBoards: number | null;
  /** ASIC chips per hash board; null = unknown. */
  chipsPerBoard: number | null;
  fans: number | null;
  /**
   * Index in `PS[...]` that holds wall (input) power in watts, used when the
   * module does not report `WALLPOWER`. Undefined = no PS block known.
   */
  psWallPowerSlot?: number;
  controls: readonly ControlId[];
  workModes?: readonly ModeName[];
  workLevels?: readonly ModeName[];
  /** Source tags (see docs/models.md and /work/shared/docs/avalon-protocol.md section 11). */
  sources: readonly string[];
}

export type AvalonFamily =
  | 'usb-icarus'
  | 'usb-avam'
  | 'avalon7'
  | 'avalon8'
  | 'avalon9'
  | 'a10'
  | 'a11'
  | 'a12'
  | 'a13'
  | 'a14'
  | 'a15'
  | 'nano3'
  | 'mm319';

// Controls per firmware dialect (docs/models.md "Controls").
const CONTROLLER_ERA: readonly ControlId[] = ['fan', 'freq', 'led', 'voltage', 'reboot', 'pools'];
const CONTROLLER_ERA_A9: readonly ControlId[] = [...CONTROLLER_ERA, 'target-temp'];
const A10_UNIVERSAL: readonly ControlId[] = ['workmode', 'led', 'reboot', 'pools'];
const A11_TO_A15: readonly ControlId[] = ['worklevel', 'led', 'softoff', 'softon', 'reboot'];
const USB_AVAM: readonly ControlId[] = ['freq', 'voltage'];

const A10_MODES: readonly ModeName[] = [
  { value: 0, name: 'Normal' },
  { value: 1, name: 'High performance' },
];

/** Wall power sits in PS[6] on every model with a 7-slot PS block except the Nano 3 (slot 5). */
const PS_WALL = 6;

/** Rated TH/s and wall W of one module; null where no source gives them. */
type Rating = { ths: number; w: number } | null;

function controllerEra(
  id: string,
  family: 'avalon7' | 'avalon8' | 'avalon9',
  ver: string,
  chipsPerBoard: number,
  hashBoards: number,
  rating: Rating,
  sources: readonly string[],
): AvalonModel {
  return {
    id,
    displayName: `AvalonMiner ${ver}`,
    family,
    connection: 'network',
    match: { moduleVer: new RegExp(`^${ver}\\d{4}`) },
    reported: { moduleVer: ver, statsId: family === 'avalon7' ? 'AV70' : family === 'avalon8' ? 'AV80' : 'AV90' },
    nominalThs: rating?.ths ?? null,
    nominalW: rating?.w ?? null,
    hashBoards,
    chipsPerBoard,
    fans: 1,
    controls: family === 'avalon9' ? CONTROLLER_ERA_A9 : CONTROLLER_ERA,
    sources,
  };
}

function integrated(
  id: string,
  code: string,
  family: 'a10' | 'a11' | 'a12' | 'a13' | 'a14' | 'a15',
  rest: Omit<AvalonModel, 'id' | 'displayName' | 'family' | 'connection' | 'match'> & { match?: AvalonMatch },
): AvalonModel {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    id,
    displayName: `AvalonMiner ${code}`,
    family,
    connection: 'network',
    match: rest.match ?? {
      modelCode: new RegExp(`^${escaped}(-\\d+)?$`, 'i'),
      product: new RegExp(`^AvalonMiner ${escaped}(-\\d+)?$`, 'i'),
      // A10-A15 module versions are `<MODEL>-<firmware>`, e.g. `1246-83-21042001_...`.
      moduleVer: new RegExp(`^${escaped}(-\\d+)?-\\d{8}`, 'i'),
    },
    ...rest,
  };
}

export const MODELS: readonly AvalonModel[] = [
  // USB sticks (section 6 of the protocol reference).
  {
    id: 'nano1',
    displayName: 'Avalon nano 1.0',
    family: 'usb-icarus',
    connection: 'usb',
    match: { usb: [{ vendorId: 0x1fc9, productId: 0x0083 }] },
    nominalThs: null,
    nominalW: null,
    hashBoards: 1,
    chipsPerBoard: 1,
    fans: null,
    controls: [],
    sources: ['CK-USB', 'NANO-FW nano_1.0', 'NANO-FW-ASIC'],
  },
  {
    id: 'nano2',
    displayName: 'Avalon nano 2.0',
    family: 'usb-avam',
    connection: 'usb',
    match: { usb: [{ vendorId: 0x29f1, productId: 0x33f3 }] },
    nominalThs: null,
    nominalW: null,
    hashBoards: 1,
    chipsPerBoard: 1,
    fans: null,
    controls: USB_AVAM,
    sources: ['CK-USB', 'NANO-FW', 'AVAM', 'NANO-FW-ASIC'],
  },
  {
    // Attested only by a 2017 review title; no VID/PID is published, so it
    // can only be recognised by the AVAM protocol answering on an unknown id.
    id: 'nano3-usb',
    displayName: 'Avalon nano 3 (USB, 2017)',
    family: 'usb-avam',
    connection: 'usb',
    match: {},
    nominalThs: null,
    nominalW: null,
    hashBoards: 1,
    chipsPerBoard: null,
    fans: null,
    controls: USB_AVAM,
    sources: ['BM-PR69'],
  },
  {
    id: 'avalon4-mini',
    displayName: 'Avalon4 mini',
    family: 'usb-avam',
    connection: 'usb',
    match: {
      usb: [
        { vendorId: 0x29f1, productId: 0x40f1 },
        { vendorId: 0x29f1, productId: 0x33f1 },
      ],
    },
    nominalThs: null,
    nominalW: null,
    hashBoards: 1,
    chipsPerBoard: 5,
    fans: null,
    controls: USB_AVAM,
    sources: ['CK-USB', 'NANO-FW mini', 'NANO-FW-ASIC'],
  },

  // Controller era: one cgminer on a Raspberry Pi reports several modules.
  // Ratings are per module (one Avalon7/8/9 unit), see docs/models.md "Ratings".
  controllerEra('a721', 'avalon7', '721', 18, 4, { ths: 6, w: 900 }, ['AVA7 dev table', 'PYASIC-MODELS', 'RESELLER-A721', 'RANDI-S1']),
  controllerEra('a741', 'avalon7', '741', 22, 4, { ths: 7.3, w: 1150 }, ['AVA7 dev table', 'PB-A741', 'AMV', 'RANDI-S1']),
  controllerEra('a761', 'avalon7', '761', 26, 4, { ths: 8.8, w: 1320 }, ['AVA7 dev table', 'RANDI-S1']),
  controllerEra('a821', 'avalon8', '821', 26, 4, { ths: 11.5, w: 1200 }, ['AVA8 dev table', 'AMV', 'RANDI-S1']),
  controllerEra('a841', 'avalon8', '841', 26, 4, { ths: 13.6, w: 1290 }, ['AVA8 dev table', 'PB-A841', 'AMV']),
  controllerEra('a851', 'avalon8', '851', 26, 4, { ths: 14.6, w: 1450 }, ['AVA8 dev table', 'ZEUS-A8', 'AMV']),
  controllerEra('a911', 'avalon9', '911', 34, 6, { ths: 19.5, w: 1750 }, ['AVA9-911 dev table', 'LUCI', 'AMV']),
  controllerEra('a920', 'avalon9', '920', 26, 4, null, ['AVA9 dev table']),
  controllerEra('a921', 'avalon9', '921', 26, 4, { ths: 20, w: 1700 }, ['AVA9 dev table', 'PB-A921', 'AMV']),

  // Integrated controller, A10 to A15.
  integrated('a1026', '1026', 'a10', {
    reported: { product: 'AvalonMiner 1026', modelCode: '1026', hwType: 'MM3v2', swType: 'MM320', statsId: 'AVA100' },
    nominalThs: 30, nominalW: 2070, hashBoards: 3, chipsPerBoard: 80, fans: 2, psWallPowerSlot: PS_WALL,
    controls: A10_UNIVERSAL, workModes: A10_MODES, sources: ['A10DOC', 'PYASIC-MODELS', 'ASICRS-HW', 'AMV'],
  }),
  integrated('a1047', '1047', 'a10', {
    reported: { product: 'AvalonMiner 1047', modelCode: '1047', hwType: 'MM3v2', swType: 'MM320', statsId: 'AVA100' },
    nominalThs: 37, nominalW: 2380, hashBoards: 3, chipsPerBoard: 80, fans: 2, psWallPowerSlot: PS_WALL,
    controls: A10_UNIVERSAL, workModes: A10_MODES, sources: ['A10DOC', 'PYASIC-MODELS', 'ASICRS-HW', 'AMV'],
  }),
  integrated('a1066', '1066', 'a10', {
    reported: { product: 'AvalonMiner 1066', modelCode: '1066', hwType: 'MM3v1_X3', swType: 'MM320', statsId: 'AVA100' },
    observed: { ths: 51.1, source: 'CAP-A1066-TEXT (GHSmm)' },
    nominalThs: 50, nominalW: 3256, hashBoards: 3, chipsPerBoard: 114, fans: 4, psWallPowerSlot: PS_WALL,
    controls: A10_UNIVERSAL, workModes: A10_MODES, sources: ['A10DOC', 'CAP-A1066-TEXT', 'PYASIC-MODELS', 'FMS-UPG', 'AMV', 'BTCUTILS'],
  }),
  integrated('a1126pro', '1126 Pro', 'a11', {
    match: { modelCode: /^1126 ?Pro$/i, product: /^AvalonMiner 1126 ?Pro$/i },
    reported: { product: 'AvalonMiner 1126Pro', modelCode: '1126Pro', statsId: 'AVA100' },
    nominalThs: null, nominalW: null, hashBoards: 3, chipsPerBoard: 120, fans: 4, psWallPowerSlot: PS_WALL,
    controls: A11_TO_A15, sources: ['PYASIC-FAC', 'PYASIC-MODELS', 'PYASIC-251'],
  }),
  integrated('a1146pro', '1146 Pro', 'a11', {
    match: { modelCode: /^1146 ?Pro$/i, product: /^AvalonMiner 1146 ?Pro$/i },
    reported: { product: 'AvalonMiner 1146Pro', modelCode: '1146Pro', statsId: 'AVA100' },
    nominalThs: 63, nominalW: 3276, hashBoards: 3, chipsPerBoard: 120, fans: null, psWallPowerSlot: PS_WALL,
    controls: A11_TO_A15, sources: ['PYASIC-FAC', 'AMV', 'BTCUTILS', 'DCENTRAL-ASERIES'],
  }),
  integrated('a1166pro', '1166 Pro', 'a11', {
    match: { modelCode: /^1166 ?Pro$/i, product: /^AvalonMiner 1166 ?Pro$/i },
    reported: { product: 'AvalonMiner 1166Pro', modelCode: '1166Pro', statsId: 'AVA100' },
    nominalThs: 81, nominalW: 3400, hashBoards: 3, chipsPerBoard: 120, fans: 4, psWallPowerSlot: PS_WALL,
    controls: A11_TO_A15, sources: ['PYASIC-FAC', 'PYASIC-MODELS', 'AMV', 'BTCUTILS'],
  }),
  integrated('a1246', '1246', 'a12', {
    reported: { product: 'AvalonMiner 1246-83', modelCode: '1246-83', hwType: 'MM3v2_X3', swType: 'MM314', statsId: 'AVA100' },
    observed: { ths: 83.9, w: 3504, source: 'CAP-1246 (GHSmm, PS[6])' },
    nominalThs: 90, nominalW: 3420, ratedBinInModelCode: true, hashBoards: 3, chipsPerBoard: 120, fans: 4,
    psWallPowerSlot: PS_WALL, controls: A11_TO_A15,
    sources: ['PYASIC-PR43', 'MOCK-1246', 'ASICRS-J', 'PB-1246', 'PYASIC-MODELS', 'AMV', 'BTCUTILS', 'DCENTRAL-1246'],
  }),
  integrated('a1346', '1346', 'a13', {
    reported: { product: 'AvalonMiner 1346-110', modelCode: '1346-110', hwType: 'MM4v1_X3', swType: 'MM317', statsId: 'AVA100' },
    observed: { ths: 110.8, w: 3348, source: 'AGENTSCAN-1346 (GHSspd, PS[6])' },
    nominalThs: 110, nominalW: 3300, ratedBinInModelCode: true, hashBoards: 3, chipsPerBoard: null, fans: null,
    psWallPowerSlot: PS_WALL, controls: A11_TO_A15, sources: ['ZEUS-A13', 'AGENTSCAN-1346', 'SIM-1346', 'AMV', 'DCENTRAL-1346'],
  }),
  integrated('a1366', '1366', 'a13', {
    reported: { product: 'AvalonMiner 1366', modelCode: '1366', statsId: 'AVA100' },
    nominalThs: 130, nominalW: 3250, hashBoards: 3, chipsPerBoard: null, fans: null,
    psWallPowerSlot: PS_WALL, controls: A11_TO_A15, sources: ['ZEUS-A13', 'AMV'],
  }),
  integrated('a1466', '1466', 'a14', {
    reported: { product: 'AvalonMiner 1466', modelCode: '1466', statsId: 'AVA100' },
    nominalThs: 150, nominalW: 3230, hashBoards: 3, chipsPerBoard: 176, fans: 2,
    psWallPowerSlot: PS_WALL, controls: A11_TO_A15, sources: ['ASICRS-HW', 'DCENTRAL-1466'],
  }),
  integrated('a1566', '1566', 'a15', {
    // The A1566 reports MODEL "15-<rated TH/s>" (e.g. "15-194"), and pyasic maps it by MODEL.
    match: {
      modelCode: /^(15-\d+|1566(-\d+)?)$/i,
      product: /^AvalonMiner (15-\d+|1566(-\d+)?)$/i,
      hwType: /^MM4v2_X3$/i,
      moduleVer: /^(15-\d+|1566(-\d+)?)-\d{8}/i,
    },
    reported: { product: 'AvalonMiner 15-194', modelCode: '15-194', hwType: 'MM4v2_X3', swType: 'MM319', moduleVer: '15-194-', statsId: 'AVA100' },
    observed: { ths: 199.24, w: 3731, source: 'PYASIC-T1566 (GHSspd, WALLPOWER)' },
    nominalThs: 185, nominalW: null, ratedBinInModelCode: true, hashBoards: 3, chipsPerBoard: 160, fans: 2,
    psWallPowerSlot: PS_WALL, controls: A11_TO_A15, sources: ['PYASIC-T1566', 'PYASIC-FAC', 'DCENTRAL-1566', 'PYASIC-MODELS'],
  }),

  // Home miners on Linux/K230.
  {
    id: 'nano3',
    displayName: 'Avalon Nano 3',
    family: 'nano3',
    connection: 'network',
    match: { product: /^Avalon ?0o$|^AvalonNano$/i, modelCode: /^0o3$/i, hwType: /^PMMv1_X1$/i, moduleVer: /^nano3-/i },
    reported: { product: 'Avalon0o', modelCode: '0o3', hwType: 'PMMv1_X1', swType: 'MM318_X2', moduleVer: 'nano3-', statsId: 'AVANANO0' },
    observed: { ths: 2.63, w: 89, source: 'CAP-NANO3 (GHSspd, PS[5]; WORKLEVEL 1)' },
    // Canaan: 4 TH/s; 140 W is the highest of its 65/100/140 W levels.
    nominalThs: 4,
    nominalW: 140,
    ratedAt: { worklevel: 2 },
    hashBoards: 1,
    chipsPerBoard: 10,
    fans: 1,
    // Nano 3 slots 5 and 6 are swapped relative to the Nano 3S (protocol reference 3.3).
    psWallPowerSlot: 5,
    controls: ['worklevel', 'led', 'reboot', 'pools'],
    workLevels: [
      { value: 0, name: 'Low' },
      { value: 1, name: 'Medium' },
      { value: 2, name: 'High' },
    ],
    sources: ['PYASIC-199', 'CAP-NANO3', 'NANOCLI', 'PYASIC-FAC', 'CANAAN-SHOP-NANO3'],
  },
  {
    id: 'nano3s',
    displayName: 'Avalon Nano 3S',
    family: 'mm319',
    connection: 'network',
    match: { product: /^Avalon Nano ?3s$/i, modelCode: /^Nano ?3s$/i, hwType: /^N_MM1v1_X1$/i, moduleVer: /^Nano3s-/i },
    reported: { product: 'Avalon Nano3s', modelCode: 'Nano3s', hwType: 'N_MM1v1_X1', swType: 'MM319', moduleVer: 'Nano3s-', statsId: 'AVALON0' },
    observed: { ths: 6.6, w: 133, source: 'MS-TEST (GHSspd, PS[6]; WORKMODE 2)' },
    nominalThs: 6,
    nominalW: 140,
    ratedAt: { workmode: 2 },
    hashBoards: 1,
    chipsPerBoard: 12,
    fans: 1,
    psWallPowerSlot: PS_WALL,
    controls: ['workmode', 'worklevel', 'fan', 'voltage', 'freq', 'led', 'reboot', 'pools'],
    workModes: [
      { value: 0, name: 'Low' },
      { value: 1, name: 'Mid' },
      { value: 2, name: 'High' },
    ],
    sources: ['N3S-DRV', 'N3S-API', 'MS-TEST', 'AMT-DOC', 'HA-EXERGY', 'CANAAN-SHOP-NANO3'],
  },
  {
    id: 'mini3',
    displayName: 'Avalon Mini 3',
    family: 'mm319',
    connection: 'network',
    match: { product: /^Avalon Mini ?3$/i, modelCode: /^Mini ?3$/i, hwType: /^M_MM1v1_X1$/i, moduleVer: /^Mini3-/i },
    reported: { product: 'Avalon Mini3', modelCode: 'Mini3', hwType: 'M_MM1v1_X1', swType: 'MM319', moduleVer: 'Mini3-', statsId: 'AVALON0' },
    observed: { w: 824, source: 'CAP-MINI3 (PS[6])' },
    nominalThs: 37.5,
    nominalW: 800,
    ratedAt: { workmode: 1, worklevel: 0 },
    hashBoards: 1,
    chipsPerBoard: 66,
    fans: 1,
    psWallPowerSlot: PS_WALL,
    controls: ['workmode', 'worklevel', 'fan', 'softoff', 'softon', 'reboot'],
    workModes: [
      { value: 0, name: 'Heating' },
      { value: 1, name: 'Mining' },
      { value: 2, name: 'Night' },
    ],
    workLevels: [
      { value: 0, name: 'Super' },
      { value: -1, name: 'Eco' },
    ],
    sources: ['CAP-MINI3', 'HA-EXERGY', 'THERMALKEY', 'PYASIC-MODELS', 'CANAAN-SHOP-MINI3'],
  },
  {
    id: 'avalon-q',
    displayName: 'Avalon Q',
    family: 'mm319',
    connection: 'network',
    match: { product: /^Avalon Q$/i, modelCode: /^Q$/i, hwType: /^Q_MM1v1_X1$/i, moduleVer: /^Q-/i },
    reported: { product: 'Avalon Q', modelCode: 'Q', hwType: 'Q_MM1v1_X1', swType: 'MM319', moduleVer: 'Q-', statsId: 'AVALON0' },
    observed: { w: 834, source: 'PYASIC-350 (PS[6] while hashing)' },
    nominalThs: 90,
    nominalW: 1674,
    ratedAt: { workmode: 2 },
    hashBoards: 1,
    chipsPerBoard: 160,
    fans: 4,
    psWallPowerSlot: PS_WALL,
    controls: ['workmode', 'worklevel', 'fan', 'voltage', 'freq', 'softoff', 'softon', 'reboot'],
    workModes: [
      { value: 0, name: 'Eco' },
      { value: 1, name: 'Standard' },
      { value: 2, name: 'Super' },
    ],
    sources: ['CAP-Q', 'ASICRS-J', 'HA-EXERGY', 'HA-OPENHAB-NOTES', 'Q-RE-NOTES', 'CANAAN-Q', 'CANAAN-SHOP-Q'],
  },
];

const BY_ID = new Map(MODELS.map((m) => [m.id, m]));

export function modelById(id: string): AvalonModel | undefined {
  return BY_ID.get(id);
}

type IdentityKeys = Pick<DeviceIdentity, 'product' | 'modelCode' | 'hwType'>;

/**
 * The catalog entry for a device. Tries MODEL, then PROD, then HWTYPE, then
 * the stats module version (`Ver[...]`), so the most specific field wins.
 * Undefined when nothing matches.
 */
export function findModel(identity: IdentityKeys, moduleVersion?: string): AvalonModel | undefined {
  const tries: [keyof AvalonMatch, string | undefined][] = [
    ['modelCode', identity.modelCode],
    ['product', identity.product],
    ['hwType', identity.hwType],
    ['moduleVer', moduleVersion],
  ];
  for (const [field, value] of tries) {
    if (value === undefined || value === '') continue;
    const text = value.trim();
    const found = MODELS.find((m) => {
      const re = m.match[field];
      return re instanceof RegExp && re.test(text);
    });
    if (found) return found;
  }
  return undefined;
}

/** The USB-attached model with this VID:PID. */
export function findUsbModel(vendorId: number, productId: number): AvalonModel | undefined {
  return MODELS.find((m) => m.match.usb?.some((u) => u.vendorId === vendorId && u.productId === productId));
}

/**
 * Whether the catalog's rating describes a unit running in this work mode and
 * level: always for models rated at one operating point; for home miners only
 * in the rated mode (a mode or level the unit does not report is not held
 * against it).
 */
export function ratingApplies(model: AvalonModel, workMode?: number, workLevel?: number): boolean {
  const at = model.ratedAt;
  if (at === undefined) return true;
  if (at.workmode !== undefined && workMode !== undefined && workMode !== at.workmode) return false;
  return !(at.worklevel !== undefined && workLevel !== undefined && workLevel !== at.worklevel);
}

/**
 * Rated TH/s for a unit: the bin in its MODEL where the model encodes one
 * ("1246-83" -> 83), else the catalog figure, else undefined.
 */
export function ratedThs(model: AvalonModel, modelCode?: string): number | undefined {
  if (model.ratedBinInModelCode && modelCode !== undefined) {
    const bin = /-(\d{2,3})$/.exec(modelCode.trim())?.[1];
    if (bin !== undefined) return Number(bin);
  }
  return model.nominalThs ?? undefined;
}
