// USB data for the pages: the stick list (usb.list, then every usb.changed,
// reloaded after a reconnect since events may have been missed), and the
// user's pools for USB mining.
import { useCallback, useEffect, useState } from 'react';
import type { UsbList, UsbPool, UsbPoolInput } from '../../../../electron/contract/usb.js';
import { toRequestError } from '../../api/errors.js';
import { useApi, useConnection, useEvent } from '../../state/api.js';

export function useUsbList() {
  const api = useApi();
  const { generation } = useConnection();
  const [list, setList] = useState<UsbList>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    api.request('usb.list', {}).then(
      (l) => {
        if (!live) return;
        setList(l);
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
  useEvent('usb.changed', (l) => {
    setList(l);
    setError(undefined);
  });
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const start = useCallback(async () => setList(await api.request('usb.start', {})), [api]);
  const stop = useCallback(async () => setList(await api.request('usb.stop', {})), [api]);
  return { list, error, reload, start, stop };
}

export function useUsbPools() {
  const api = useApi();
  const { generation } = useConnection();
  const [pools, setPools] = useState<UsbPool[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api.request('usb.pools.get', {}).then(
      (r) => {
        if (!live) return;
        setPools(r.pools);
        setError(undefined);
      },
      (e: unknown) => {
        if (live) setError(toRequestError(e).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, generation]);
  const save = useCallback(
    async (inputs: UsbPoolInput[]) => {
      const r = await api.request('usb.pools.set', { pools: inputs });
      setPools(r.pools);
      return r.pools;
    },
    [api],
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
