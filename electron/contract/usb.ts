// USB sticks (Avalon nano, Avalon4 mini) that Hearth mines with itself: what
// the renderer sees of each stick and of the pool it mines on, the user's
// pools for USB mining, and starting / stopping mining (always a user action).
// The core computes every figure (electron/core/app/usb.ts); units are in the
// names: Hs = hashes per second, Ms = milliseconds since the epoch, S = seconds.
// How it is wired: docs/usb.md.
import { z } from 'zod';
import { EmptyParamsSchema } from './common.js';

export const UsbStickStateSchema = z.enum([
  /** Plugged in; Hearth is reading its identity and configuring it. */
  'detecting',
  'mining',
  /** Listed, not mining: mining is stopped, or Hearth does not drive this device. */
  'idle',
  /** Opening or driving it failed for a reason other than permissions; see `problem`. */
  'error',
  /** Was mining and went away; its counts stay until it comes back. */
  'unplugged',
  /** The operating system refused to open it; `problem.fix` (and `problem.command` on Linux) says what to do. */
  'access-denied',
]);
export type UsbStickState = z.infer<typeof UsbStickStateSchema>;

export const UsbProblemSchema = z.object({
  /** access-denied / driver-missing: permissions or a missing driver; busy: another program holds it; unsupported: not a stick Hearth drives. */
  code: z.enum(['access-denied', 'driver-missing', 'busy', 'unplugged', 'timeout', 'io', 'unsupported']),
  /** What failed, as the operating system or the driver said it (English). */
  message: z.string(),
  /** What to do about it (English); the renderer shows its own translated guidance for `code`. */
  fix: z.string().optional(),
  /** The exact shell command that fixes it (Linux: install the udev rule). */
  command: z.string().optional(),
});
export type UsbProblem = z.infer<typeof UsbProblemSchema>;

export const UsbPoolStateSchema = z.enum(['idle', 'connecting', 'subscribed', 'authorized', 'failed']);
export type UsbPoolState = z.infer<typeof UsbPoolStateSchema>;

/** The stratum connection the sticks mine on. */
export const UsbPoolConnectionSchema = z.object({
  state: UsbPoolStateSchema,
  url: z.string(),
  worker: z.string(),
  /** The pool's current share difficulty; null before it sent one. */
  difficulty: z.number().nullable(),
  /** Why the last attempt failed, when it did. */
  lastError: z.string().optional(),
  /** When the state last changed. */
  sinceMs: z.number(),
});
export type UsbPoolConnection = z.infer<typeof UsbPoolConnectionSchema>;

export const UsbStickSchema = z.object({
  /** Stable while Hearth runs: the USB serial number when the stick has one, else where it is plugged in. */
  id: z.string(),
  model: z.enum(['avalon-nano', 'avalon4-mini', 'auc', 'unknown']),
  /** The product name, e.g. "Avalon nano". */
  name: z.string(),
  /** "29f1:33f3", as lsusb prints it. */
  usbId: z.string(),
  connection: z.enum(['hid', 'usb', 'simulated']),
  /** Whether Hearth can mine with it (the nano and the Avalon4 mini). */
  minable: z.boolean(),
  serialNumber: z.string().optional(),
  /** The chip DNA the stick reported (16 hex digits), once detected. */
  dna: z.string().optional(),
  /** Its firmware version, e.g. "3U1505-1a2b3c4", once detected. */
  firmware: z.string().optional(),
  asicCount: z.number().int().optional(),
  state: UsbStickStateSchema,
  problem: UsbProblemSchema.optional(),
  /** Hashes per second that the nonces verified by the hashing core stand for, over `hashrateWindowS`. */
  hashrateHs: z.number(),
  /** The averaging window: the last 5 minutes, or less since mining started. */
  hashrateWindowS: z.number(),
  /** Nonces that passed the hashing core's check (met the device target). */
  verifiedNonces: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Not sent (the job was gone) or never answered. */
  stale: z.number().int(),
  /** Nonces that failed verification (cgminer's hardware errors); never submitted. */
  hardwareErrors: z.number().int(),
  /** Hardware errors by chip index, when the stick reports chip ids. */
  hardwareErrorsPerChip: z.array(z.number().int()).optional(),
  /** Highest share difficulty among verified nonces (0: none yet). */
  bestShare: z.number(),
  /** Chip frequencies in MHz as the stick reports them. */
  frequencyMhz: z.array(z.number()).optional(),
  /** The nano's own temperature reading. */
  temperatureC: z.number().optional(),
  /** The pool its shares go to while it mines (one connection serves every stick). */
  pool: UsbPoolConnectionSchema.optional(),
  /** When it last had a share answered by the pool. */
  lastShareMs: z.number().optional(),
  /** When it started mining (this run). */
  miningSinceMs: z.number().optional(),
});
export type UsbStick = z.infer<typeof UsbStickSchema>;

export const UsbListSchema = z.object({
  /** False when this machine has no usable USB access (no bus, no modules); `status` says why. */
  available: z.boolean(),
  /** One line, English: "USB: 2 Canaan devices", "USB unavailable: <reason>", or the demo's. */
  status: z.string(),
  /** Simulated sticks on a local test pool (demo mode). */
  demo: z.boolean(),
  /** Mining is on (the user started it; in demo mode it starts by itself). */
  mining: z.boolean(),
  /** The operating system, for platform-specific guidance ("linux", "win32", "darwin"). */
  platform: z.string(),
  /** The pool connection while mining; null when stopped. */
  pool: UsbPoolConnectionSchema.nullable(),
  sticks: z.array(UsbStickSchema),
});
export type UsbList = z.infer<typeof UsbListSchema>;

const Printable = /^[\x21-\x7e]+$/;
const NoControl = /^\P{Cc}*$/u;

export const UsbPoolInputSchema = z
  .object({
    /** stratum+tcp://host:port or host:port (checked by the core). */
    url: z.string().trim().min(1).max(300),
    worker: z.string().trim().min(1).max(128).regex(Printable, 'letters, digits and punctuation, no spaces'),
    /**
     * Absent: keep the password saved for this url and worker (if any).
     * Given (even empty): replace it.
     */
    password: z.string().max(256).regex(NoControl, 'no control characters').optional(),
  })
  .strict();
export type UsbPoolInput = z.infer<typeof UsbPoolInputSchema>;

/** A saved pool as the renderer sees it: the password never leaves the core. */
export const UsbPoolSchema = z.object({
  url: z.string(),
  worker: z.string(),
  hasPassword: z.boolean(),
});
export type UsbPool = z.infer<typeof UsbPoolSchema>;

export const MAX_USB_POOLS = 3;

export const UsbPoolsSchema = z.object({
  /** Highest priority first; the client fails over down the list. */
  pools: z.array(UsbPoolSchema),
});
export type UsbPools = z.infer<typeof UsbPoolsSchema>;

export const usbRequests = {
  /** Every stick Hearth knows, with its figures. */
  'usb.list': { params: EmptyParamsSchema, result: UsbListSchema },
  'usb.pools.get': { params: EmptyParamsSchema, result: UsbPoolsSchema },
  /** Replaces the pool list; while mining, the sticks move to the new pools. */
  'usb.pools.set': {
    params: z.object({ pools: z.array(UsbPoolInputSchema).max(MAX_USB_POOLS) }).strict(),
    result: UsbPoolsSchema,
  },
  /** Starts mining with every minable stick on the user's pools. */
  'usb.start': { params: EmptyParamsSchema, result: UsbListSchema },
  'usb.stop': { params: EmptyParamsSchema, result: UsbListSchema },
} as const;

export const usbEvents = {
  /** The whole USB view, at most about once a second while anything changes. */
  'usb.changed': UsbListSchema,
} as const;
