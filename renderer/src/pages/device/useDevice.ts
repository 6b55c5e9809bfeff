// Data for the device page: the full record (device.get, with raw replies)
// and the chart history (device.history, then increments after each poll).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FleetDevice, Sample } from '../../../../electron/contract/fleet.js';
import { toRequestError } from '../../api/errors.js';
import { appendSamples } from '../../fleet/history.js';
import { useApi } from '../../state/api.js';

export function useDeviceDetail(id: string) {
  const api = useApi();
  const [detail, setDetail] = useState<FleetDevice>();
  const [error, setError] = useState<string>();
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    let live = true;
    api.request('device.get', { id }).then(
      (device) => {
        if (!live) return;
        setDetail(device);
        setError(undefined);
      },
      (e: unknown) => {
        if (live) setError(toRequestError(e).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, loads]);
  const reload = useCallback(() => setLoads((n) => n + 1), []);
  return { detail, error, reload };
}

/**
 * `pollMarker` changes after every successful poll (lastSuccessAt): the cue to
 * fetch new samples. The page is keyed by device id, so state starts empty per device.
 */
export function useDeviceHistory(id: string, pollMarker: number | undefined) {
  const api = useApi();
  const [samples, setSamples] = useState<Sample[]>([]);
  const [error, setError] = useState<string>();
  const newest = useRef<number | undefined>(undefined);
  useEffect(() => {
    newest.current = samples.at(-1)?.t;
  }, [samples]);

  useEffect(() => {
    let live = true;
    api.request('device.history', { id }).then(
      (list) => {
        if (live) setSamples((current) => appendSamples(current, list));
      },
      (e: unknown) => {
        if (live) setError(toRequestError(e).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  useEffect(() => {
    const sinceMs = newest.current;
    if (pollMarker === undefined || sinceMs === undefined) return; // the initial load is still under way
    let live = true;
    api.request('device.history', { id, sinceMs }).then(
      (list) => {
        if (live) setSamples((current) => appendSamples(current, list));
      },
      () => undefined, // a missed increment is covered by the next one, which asks from the newest kept sample
    );
    return () => {
      live = false;
    };
  }, [api, id, pollMarker]);

  return { samples, error };
}
