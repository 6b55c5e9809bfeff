// The USB feature: lists the Canaan sticks on this machine (or the demo's
// simulated ones), keeps the user's pools for USB mining, and starts / stops
// mining when the user asks. Everything else is in mining/usb-fleet.ts.
import type { UsbList, usbRequests } from '../../contract/usb.js';
import type { SecretStore } from '../alerts/secret-store.js';
import { UsbFleet, type UsbFleetOptions } from '../mining/usb-fleet.js';
import { UsbDiscovery, type UsbStickSource } from '../usb/discovery.js';
import { ApiRequestError } from './errors.js';
import type { Feature, ServiceContext } from './feature.js';
import { DEMO_DEVICE_TARGET, startUsbDemo, type UsbDemo, type UsbDemoOptions } from './usb-demo.js';
import { UsbPoolError, UsbPoolStore } from './usb-pools.js';

export interface UsbFeatureOptions {
  /** Simulated sticks mining on a local test pool instead of this machine's USB. */
  demo?: boolean | UsbDemoOptions;
  /** Where sticks come from; default: this machine's USB (UsbDiscovery). Tests pass a simulated bus. */
  source?: UsbStickSource;
  /** The host's secret store: pool passwords are sealed there when it uses the OS key (usb-pools.ts). */
  secrets?: SecretStore;
  /** Tuning, mainly for tests. */
  fleet?: Partial<Pick<UsbFleetOptions, 'emitThrottleMs' | 'refreshMs' | 'driver' | 'stratum' | 'platform' | 'checkAccess' | 'hashing' | 'deviceTarget'>>;
}

export interface UsbFeature extends Feature<typeof usbRequests> {
  /** The demo's simulated bus and local pool (demo mode only). */
  readonly demo?: UsbDemo;
  /** The saved pool passwords, for scrubbing from logs and support bundles. */
  passwords(): string[];
}

export async function createUsbFeature(ctx: Pick<ServiceContext, 'dataDir' | 'version' | 'log' | 'emit'>, options: UsbFeatureOptions = {}): Promise<UsbFeature> {
  const { store, problems } = await UsbPoolStore.open(ctx.dataDir, { log: ctx.log, ...(options.secrets === undefined ? {} : { secrets: options.secrets }) });
  for (const p of problems) ctx.log(`hearth: ${p.file} could not be used (${p.reason}); it was kept as ${p.movedTo}`);
  const demo = options.demo ? await startUsbDemo(options.demo === true ? {} : options.demo) : undefined;
  let fleet: UsbFleet;
  try {
    fleet = await UsbFleet.start({
      source: demo?.bus ?? options.source ?? new UsbDiscovery(),
      clientVersion: ctx.version,
      onChange: (list: UsbList) => ctx.emit('usb.changed', list),
      log: ctx.log,
      demo: demo !== undefined,
      ...(demo ? { deviceTarget: DEMO_DEVICE_TARGET } : {}),
      ...options.fleet,
    });
  } catch (error) {
    await demo?.close();
    throw error;
  }

  /** The pools mining uses: the demo's local pool, or the user's. */
  const pools = () => (demo ? [demo.poolConfig] : store.configs());

  const start = async (): Promise<void> => {
    const list = pools();
    if (list.length === 0) throw new ApiRequestError('invalid-params', 'add a pool for USB mining first', { reason: 'no-pools' });
    try {
      await fleet.startMining(list);
    } catch (error) {
      throw new ApiRequestError('internal', `USB mining could not start: ${(error as Error).message}`);
    }
  };

  if (demo) {
    // Demo mode shows mining at once; a machine that cannot start worker threads still gets the list.
    await start().catch((error: unknown) => ctx.log(`hearth: the USB demo could not start mining (${(error as Error).message})`));
  }

  return {
    ...(demo ? { demo } : {}),
    passwords: () => store.passwords(),
    handlers: {
      'usb.list': async () => fleet.list(),
      'usb.pools.get': async () => ({ pools: store.list() }),
      'usb.pools.set': async ({ pools: inputs }) => {
        let saved;
        try {
          saved = await store.set(inputs);
        } catch (error) {
          if (error instanceof UsbPoolError) throw new ApiRequestError('invalid-params', error.message);
          throw error;
        }
        if (!demo && fleet.mining) {
          if (saved.length === 0) await fleet.stopMining();
          else fleet.setPools(store.configs());
        }
        return { pools: saved };
      },
      'usb.start': async () => {
        await start();
        return fleet.list();
      },
      'usb.stop': async () => {
        await fleet.stopMining();
        return fleet.list();
      },
    },
    async close() {
      await fleet.close();
      await demo?.close();
    },
  };
}
