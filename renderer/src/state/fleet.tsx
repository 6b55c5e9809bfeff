// The fleet as the core last reported it: loaded with fleet.list, replaced on
// every fleet.changed, and reloaded after a reconnect (events may have been missed).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { toRequestError } from '../api/errors.js';
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
  const [devices, setDevices] = useState<readonly FleetDevice[]>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    api.request('fleet.list', {}).then(
      (list) => {
        if (!live) return;
        setDevices(list);
        setError(undefined);
      },
      (e: unknown) => {
        if (live) setError(toRequestError(e).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, generation, reloads]);

  useEvent('fleet.changed', (list) => {
    setDevices(list);
    setError(undefined);
  });

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const value = useMemo(() => ({ devices, error, reload }), [devices, error, reload]);
  return <FleetContext.Provider value={value}>{children}</FleetContext.Provider>;
}

export function useFleet(): FleetState {
  const value = useContext(FleetContext);
  if (!value) throw new Error('useFleet outside FleetProvider');
  return value;
}
