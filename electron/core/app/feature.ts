// How a feature (earnings, tuning, diagnostics, ...) plugs into the service:
// its requests live in its own contract file, its handlers in its own module
// under app/, and both are added to the service with one spread each. The
// context is what features share; they never reach into each other.
import type { z } from 'zod';
import type { EventName, EventPayload } from '../../contract/api.js';
import type { RequestSpec } from '../../contract/common.js';
import type { DeviceRecord } from '../../contract/fleet.js';
import type { FleetMonitor } from '../fleet/monitor.js';
import type { DeviceRegistry } from '../fleet/registry.js';
import type { SettingsStore } from './settings.js';

export type HandlersFor<R extends Record<string, RequestSpec>> = {
  [M in keyof R]: (params: z.output<R[M]['params']>) => Promise<z.input<R[M]['result']>>;
};

export interface Feature<R extends Record<string, RequestSpec>> {
  handlers: HandlersFor<R>;
  /** Stops timers and flushes state when the service closes. */
  close?(): Promise<void> | void;
}

export interface ServiceContext {
  dataDir: string;
  version: string;
  log: (message: string) => void;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Listens to the service's events (e.g. to log settings changes); returns the unsubscribe. */
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
  registry: DeviceRegistry;
  monitor: FleetMonitor;
  settings: SettingsStore;
  /** The saved record of a device, or a 'not-found' ApiRequestError. */
  known: (id: string) => DeviceRecord;
}
