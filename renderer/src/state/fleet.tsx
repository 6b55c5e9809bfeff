// The fleet as the core last reported it: loaded with fleet.sync, patched by
// every fleet.delta, and loaded again after a reconnect, on reload() and when
// a delta is missing (fleet/sync.ts decides; this provider makes the requests).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { toRequestError } from '../api/errors.js';
import { deltaReceived, INITIAL_FLEET_SYNC, syncAnswered, syncFailed, syncStarted, type FleetSyncStep } from '../fleet/sync.js';
import { useApi, useConnection, useEvent } from './api.js';

interface FleetState {
  /** Undefined while the first load is under way. */
  devices?: readonly FleetDevice[];
  error?: string;
  reload(): void;
}

const FleetContext = createContext<FleetState | null>(null);

export function FleetProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { generation } = useConnection();
  const sync = useRef(INITIAL_FLEET_SYNC);
  const [devices, setDevices] = useState<readonly FleetDevice[]>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const take = useCallback(
    (step: FleetSyncStep) => {
      sync.current = step.state;
      setDevices(step.state.copy?.devices);
      if (step.resync) reload();
    },
    [reload],
  );

  useEffect(() => {
    let live = true;
    sync.current = syncStarted(sync.current);
    api.request('fleet.sync', {}).then(
      (answer) => {
        if (!live) return;
        setError(undefined);
        take(syncAnswered(sync.current, answer));
      },
      (e: unknown) => {
        if (!live) return;
        sync.current = syncFailed(sync.current);
        setError(toRequestError(e).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, generation, reloads, take]);
  useEvent('fleet.delta', (delta) => take(deltaReceived(sync.current, delta)));

  const value = useMemo(() => ({ devices, error, reload }), [devices, error, reload]);
  return <FleetContext.Provider value={value}>{children}</FleetContext.Provider>;
}

export function useFleet(): FleetState {
  const value = useContext(FleetContext);
  if (!value) throw new Error('useFleet outside FleetProvider');
  return value;
}
