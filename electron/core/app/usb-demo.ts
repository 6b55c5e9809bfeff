// USB demo: two simulated sticks (an Avalon4 mini and an Avalon nano) on the
// simulated bus, and a local test pool on loopback at an easy difficulty, so a
// user without hardware sees USB mining work end to end: the sticks' nonces
// are real, the hashing core verifies them, and the pool (with its own hashing)
// accepts the shares. Loaded only when demo mode starts.
import { TestPool } from '../stratum/test-pool.js';
import { SimUsbBus } from '../usb/sim-bus.js';
import { SimStick } from '../usb/sim-stick.js';

/** Leading zero bits of every nonce the simulated chips return (a real chip: 32, difficulty 1). */
export const DEMO_ZERO_BITS = 12;
/** What those nonces meet: the device target the mining host checks them against. */
export const DEMO_DEVICE_TARGET = (1n << BigInt(256 - DEMO_ZERO_BITS)) - 1n;
/** About one nonce in four is a share (the device target is 2^244, this one about 2^242). */
export const DEMO_POOL_DIFFICULTY = 2 ** -18;
/** Hashes per second; kept small, since the simulated chips hash on the main thread. */
const DEMO_STICKS = [
  { name: 'mini-1', model: 'avalon4-mini', serial: 1, hashRate: 12_000 },
  { name: 'nano-2', model: 'avalon-nano', serial: 2, hashRate: 6_000 },
] as const;

export interface UsbDemo {
  bus: SimUsbBus;
  pool: TestPool;
  /** The pool entry the demo mines on. */
  poolConfig: { url: string; user: string };
  close(): Promise<void>;
}

export interface UsbDemoOptions {
  /** Multiplies the sticks' hash rates (tests run them faster). Default 1. */
  speed?: number;
}

export async function startUsbDemo(options: UsbDemoOptions = {}): Promise<UsbDemo> {
  const speed = options.speed ?? 1;
  if (!(speed > 0 && speed <= 100)) throw new RangeError(`demo speed must be in (0, 100], got ${speed}`);
  const pool = await TestPool.start({
    host: '127.0.0.1',
    difficulty: DEMO_POOL_DIFFICULTY,
    tag: '/hearth demo/',
    // New work now and then, as a real pool sends; also lets the pool forget old jobs.
    jobIntervalMs: 30_000,
    keepShares: 1000,
  });
  const bus = new SimUsbBus();
  for (const s of DEMO_STICKS) bus.add(s.name, new SimStick({ model: s.model, serial: s.serial, zeroBits: DEMO_ZERO_BITS, hashRate: s.hashRate * speed }));
  return {
    bus,
    pool,
    poolConfig: { url: pool.url, user: 'hearth.demo' },
    async close() {
      bus.close();
      await pool.close();
    },
  };
}
