// The alerts active now, kept current by the core's alerts.changed events.
// Used by the sidebar badge and the Alerts page.
import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '../../../electron/contract/alerts.js';
import { toRequestError } from '../api/errors.js';
import { useApi, useEvent } from '../state/api.js';

export function useActiveAlerts(): { active: Alert[] | undefined; error: string | undefined; reload(): void } {
  const api = useApi();
  const [active, setActive] = useState<Alert[]>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.request('alerts.overview', {}).then(
      (overview) => {
        if (cancelled) return;
        setActive(overview.active);
        setError(undefined);
      },
      (e: unknown) => {
        if (!cancelled) setError(toRequestError(e).message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  useEvent('alerts.changed', (payload) => setActive(payload.active));
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { active, error, reload };
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Most severe first, then newest. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.raisedAt - a.raisedAt);
}
