import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/context.js';
import { useBridge, useConnection } from '../state/api.js';
import { useSettings } from '../state/settings.js';

/** Seconds until the next reconnect attempt, ticking while the banner shows. */
function useCountdown(until: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [until]);
  return until === undefined ? undefined : Math.max(0, Math.ceil((until - now) / 1000));
}

export function ConnectionBanner() {
  const { connection } = useBridge();
  const state = useConnection();
  const { t } = useI18n();
  const seconds = useCountdown(state.status === 'closed' ? state.retryAt : undefined);
  // The first connect is the normal start-up, not a problem worth a banner.
  if (state.status === 'open' || (state.status === 'connecting' && state.generation === 0)) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="connection-banner">
      <span>
        <strong>{state.generation === 0 ? t('connection.cannotConnect') : t('connection.lost')}</strong>{' '}
        {state.status === 'connecting' ? t('connection.reconnecting') : t('connection.retryIn', { seconds: seconds ?? 0 })}
        {state.reason ? ` (${state.reason})` : ''}
      </span>
      {state.status === 'closed' ? (
        <button type="button" className="button button-small" onClick={() => connection.retryNow()}>
          {t('connection.retryNow')}
        </button>
      ) : null}
    </div>
  );
}

export function DemoBanner() {
  const { appInfo } = useSettings();
  const { t } = useI18n();
  if (!appInfo?.demo) return null;
  return (
    <div className="banner banner-demo" role="note" data-testid="demo-banner">
      <strong>{t('demo.title')}</strong> {t('demo.body')}
    </div>
  );
}

export function LoadErrorBanner() {
  const { loadError } = useSettings();
  const { t } = useI18n();
  if (!loadError) return null;
  return (
    <div className="banner banner-error" role="alert">
      <strong>{t('error.settingsLoad')}</strong> {loadError}
    </div>
  );
}

/** Data files the core found unusable at start and kept aside (app.info.storageProblems). */
export function StorageProblemsBanner() {
  const { appInfo } = useSettings();
  const { t } = useI18n();
  const problems = appInfo?.storageProblems ?? [];
  if (!problems.length) return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="storage-banner">
      <span>
        <strong>{t('storage.title')}</strong>{' '}
        {problems.map((p) => t('storage.item', { file: p.file, movedTo: p.movedTo, reason: p.reason })).join(' ')}
      </span>
    </div>
  );
}
