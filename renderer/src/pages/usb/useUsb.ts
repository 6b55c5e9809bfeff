// USB data for the pages: the stick list (usb.list, then every usb.changed,
// reloaded after a reconnect since events may have been missed), and the
// user's pools for USB mining.
import { useCallback, useEffect, useState } from 'react';
import type { UsbList, UsbPool, UsbPoolInput } from '../../../../electron/contract/usb.js';
import { useApi, useEvent } from '../../state/api.js';
import { useCoreData } from '../../state/core-data.js';

export function useUsbList() {
  const api = useApi();
  const { data: list, error, reload, receive, setData } = useCoreData<UsbList>((core) => core.request('usb.list', {}));
  useEvent('usb.changed', receive);
  const start = useCallback(async () => setData(await api.request('usb.start', {})), [api, setData]);
  const stop = useCallback(async () => setData(await api.request('usb.stop', {})), [api, setData]);
  return { list, error, reload, start, stop };
}

export function useUsbPools() {
  const api = useApi();
  const { data: pools, error, setData } = useCoreData<UsbPool[]>(async (core) => (await core.request('usb.pools.get', {})).pools);
  const save = useCallback(
    async (inputs: UsbPoolInput[]) => {
      const r = await api.request('usb.pools.set', { pools: inputs });
      setData(r.pools);
      return r.pools;
    },
    [api, setData],
  );
  return { pools, error, save };
}

/** The time now, renewed every `everyMs`, for "2 minutes ago" and "mining for" figures. */
export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
