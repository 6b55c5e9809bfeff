// Earnings data for the pages: the settings (earnings.settings.get, then
// earnings.settings.changed), and estimates that are asked for again whenever
// something they depend on changes: the settings, the market data, or the
// fleet after a poll. A request still under way is not repeated; the newest
// answer wins.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceEarnings, EarningsSettings, EarningsSettingsPatch, FleetEarnings } from '../../../../electron/contract/earnings.js';
import { toRequestError } from '../../api/errors.js';
import { useApi, useConnection, useEvent } from '../../state/api.js';
import { useCoreData } from '../../state/core-data.js';

export function useEarningsSettings() {
  const api = useApi();
  const { data: settings, error, setData } = useCoreData<EarningsSettings>((core) => core.request('earnings.settings.get', {}));
  useEvent('earnings.settings.changed', setData);
  const save = useCallback(async (patch: EarningsSettingsPatch) => setData(await api.request('earnings.settings.set', patch)), [api, setData]);
  return { settings, error, save };
}

/** Runs `load` now and after every `bump`; one at a time, the latest result kept. */
function useReloading<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const busy = useRef(false);
  const again = useRef(false);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  useEffect(() => {
    let live = true;
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    latestLoad.current().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(undefined);
      },
      (e: unknown) => {
        if (live) setError(toRequestError(e).message);
      },
    ).finally(() => {
      busy.current = false;
      if (again.current) {
        again.current = false;
        setTick((n) => n + 1);
      }
    });
    return () => {
      live = false;
    };
  }, [tick]);
  const bump = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, bump };
}

function useEarningsTriggers(bump: () => void) {
  const { generation } = useConnection();
  useEffect(bump, [bump, generation]);
  useEvent('earnings.settings.changed', bump);
  useEvent('earnings.market.changed', bump);
  useEvent('fleet.delta', bump);
}

export function useFleetEarnings() {
  const api = useApi();
  const { data, error, bump } = useReloading<FleetEarnings>(() => api.request('earnings.fleet', {}));
  useEarningsTriggers(bump);
  return { fleet: data, error };
}

export function useDeviceEarnings(id: string) {
  const api = useApi();
  const { data, error, bump } = useReloading<DeviceEarnings>(() => api.request('earnings.device', { id }));
  useEarningsTriggers(bump);
  return { earnings: data, error };
}
