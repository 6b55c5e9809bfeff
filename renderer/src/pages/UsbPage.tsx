// USB mining: the sticks on this computer with their figures, starting and
// stopping mining (only ever on the user's click), and the pools to mine on.
import '../styles/usb.css';
import { useState } from 'react';
import { toRequestError } from '../api/errors.js';
import { EmptyState, Loading } from '../components/EmptyState.js';
import { useI18n } from '../i18n/context.js';
import { useToasts } from '../state/toasts.js';
import { PoolState } from './usb/UsbBadges.js';
import { UsbPoolsForm } from './usb/UsbPoolsForm.js';
import { UsbStickTable } from './usb/UsbStickTable.js';
import { useUsbList, useUsbPools } from './usb/useUsb.js';
import { formatDifficulty } from '../usb/format.js';

export function UsbPage() {
  const { t, fmt } = useI18n();
  const { push } = useToasts();
  const { list, error, reload, start, stop } = useUsbList();
  const poolState = useUsbPools();
  const { pools } = poolState;
  const [busy, setBusy] = useState<'starting' | 'stopping'>();

  const toggle = async () => {
    const starting = !list?.mining;
    setBusy(starting ? 'starting' : 'stopping');
    try {
      await (starting ? start() : stop());
      push('success', t(starting ? 'usb.started' : 'usb.stopped'));
    } catch (e) {
      push('error', t(starting ? 'usb.startFailed' : 'usb.stopFailed', { message: toRequestError(e).message }));
    } finally {
      setBusy(undefined);
    }
  };
  const noPools = list !== undefined && !list.demo && pools !== undefined && pools.length === 0;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('usb.title')}</h1>
          <p className="page-subtitle">{t('usb.subtitle')}</p>
        </div>
        {list ? (
          <div className="header-actions usb-run">
            <span className={`tag ${list.mining ? 'tag-active' : ''}`} data-testid="usb-running" aria-live="polite">
              {list.mining ? t('usb.running') : t('usb.notRunning')}
            </span>
            <button
              type="button"
              className={`button ${list.mining ? '' : 'button-primary'}`}
              onClick={() => void toggle()}
              disabled={busy !== undefined || (!list.mining && noPools)}
              data-testid="usb-toggle"
            >
              {busy ? t(`usb.${busy}`) : list.mining ? t('usb.stop') : t('usb.start')}
            </button>
          </div>
        ) : null}
      </header>

      {!list ? (
        error ? (
          <EmptyState
            title={t('usb.loadFailed', { message: error })}
            actions={
              <button type="button" className="button" onClick={reload}>
                {t('action.retry')}
              </button>
            }
          />
        ) : (
          <Loading label={t('usb.loading')} />
        )
      ) : (
        <>
          {list.demo ? (
            <p className="banner banner-demo" data-testid="usb-demo">
              {t('usb.demo')}
            </p>
          ) : null}
          {noPools && !list.mining ? <p className="banner banner-warn">{t('usb.needPool')}</p> : null}
          {list.pool ? (
            <p className="usb-pool-line" data-testid="usb-pool">
              <PoolState pool={list.pool} />
              <span className="mono">{list.pool.url}</span>
              <span className="muted">{list.pool.worker}</span>
              {list.pool.difficulty !== null ? <span className="muted">{`${t('usb.pool.difficulty')} ${formatDifficulty(list.pool.difficulty, fmt.locale)}`}</span> : null}
              {list.pool.lastError ? <span className="inline-error">{list.pool.lastError}</span> : null}
            </p>
          ) : null}
          {list.sticks.length > 0 ? (
            <section className="panel table-panel" aria-labelledby="usb-table-title">
              <div className="table-toolbar">
                <h2 id="usb-table-title" className="panel-title">
                  {t('usb.table.title')}
                </h2>
                <span className="toolbar-count muted" data-testid="usb-status">
                  {t('usb.table.found', { count: list.sticks.filter((s) => s.state !== 'unplugged').length })}
                </span>
              </div>
              <UsbStickTable sticks={list.sticks} caption={t('usb.table.caption')} />
            </section>
          ) : list.available ? (
            <EmptyState testId="usb-empty" title={t('usb.empty.title')} body={t('usb.empty.body')} />
          ) : (
            <EmptyState testId="usb-unavailable" title={t('usb.unavailable.title')} body={t('usb.unavailable.body', { reason: list.status })} />
          )}
          <UsbPoolsForm demo={list.demo} {...poolState} />
        </>
      )}
    </div>
  );
}
