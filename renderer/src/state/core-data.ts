// One piece of core state a page shows: asked for on mount, asked for again
// after every reconnect (events sent while the link was down are lost) and on
// reload(). An answer that arrives after the component is gone is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HearthApi } from '../../../electron/contract/api.js';
import { toRequestError } from '../api/errors.js';
import { useApi, useConnection } from './api.js';

export interface CoreData<T> {
  /** Undefined while the first answer is under way. */
  data: T | undefined;
  /** The last request's error, cleared by its next answer or by receive(). */
  error: string | undefined;
  reload(): void;
  /** Newer state from the core (an event): replaces the data and clears the error. */
  receive(value: T): void;
  /** Replaces the data only (e.g. with the answer to a change the page made). */
  setData(value: T): void;
}

export function useCoreData<T>(load: (api: HearthApi) => Promise<T>): CoreData<T> {
  const api = useApi();
  const { generation } = useConnection();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  useEffect(() => {
    let live = true;
    latestLoad.current(api).then(
      (value) => {
        if (!live) return;
        setData(value);
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
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const receive = useCallback((value: T) => {
    setData(value);
    setError(undefined);
  }, []);
  return { data, error, reload, receive, setData };
}
