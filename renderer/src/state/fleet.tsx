// The fleet as the core last reported it: loaded with fleet.list, replaced on
// every fleet.changed, and reloaded after a reconnect (events may have been missed).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { useEvent } from './api.js';
import { useCoreData } from './core-data.js';

interface FleetState {
  /** Undefined while the first load is under way. */
  devices?: readonly FleetDevice[];
  error?: string;
  reload(): void;
}

const FleetContext = createContext<FleetState | null>(null);

export function FleetProvider({ children }: { children: ReactNode }) {
  const { data: devices, error, reload, receive } = useCoreData<readonly FleetDevice[]>((api) => api.request('fleet.list', {}));
  useEvent('fleet.changed', receive);
  const value = useMemo(() => ({ devices, error, reload }), [devices, error, reload]);
  return <FleetContext.Provider value={value}>{children}</FleetContext.Provider>;
}

export function useFleet(): FleetState {
  const value = useContext(FleetContext);
  if (!value) throw new Error('useFleet outside FleetProvider');
  return value;
}
