// Raised and cleared alerts from the event history, newest first, with paging
// and a CSV export of the same events.
import { useCallback, useEffect, useState } from 'react';
import type { AlertHistoryEntry } from '../../../../electron/contract/alerts.js';
import { toRequestError } from '../../api/errors.js';
import { EmptyState, Loading } from '../../components/EmptyState.js';
import { downloadFile } from '../../download.js';
import { useI18n } from '../../i18n/context.js';
import { useApi, useEvent } from '../../state/api.js';
import { useToasts } from '../../state/toasts.js';
import { DeviceLink, SeverityTag } from './AlertParts.js';

const PAGE = 100;
const ALERT_KINDS = ['alert.raised', 'alert.cleared'];

export function AlertHistory() {
  const { t, fmt } = useI18n();
  const api = useApi();
  const { push } = useToasts();
  const [entries, setEntries] = useState<AlertHistoryEntry[]>();
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string>();

  /** Bumped by each alerts.changed: the newest page is fetched again. */
  const [generation, setGeneration] = useState(0);

  const apply = useCallback((page: AlertHistoryEntry[], older: boolean) => {
    setEntries((old) => (older ? [...(old ?? []), ...page] : page));
    setMore(page.length === PAGE);
    setError(undefined);
  }, []);

  useEffect(() => {
    let cancelled = false;
    api.request('alerts.history', { limit: PAGE }).then(
      (page) => !cancelled && apply(page, false),
      (e: unknown) => !cancelled && setError(toRequestError(e).message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, apply, generation]);
  // New raises and clears appear at once.
  useEvent('alerts.changed', () => setGeneration((n) => n + 1));

  const loadOlder = async (beforeId: number | undefined) => {
    if (beforeId === undefined) return;
    try {
      apply(await api.request('alerts.history', { limit: PAGE, beforeId }), true);
    } catch (e) {
      setError(toRequestError(e).message);
    }
  };

  const exportCsv = async () => {
    try {
      const file = await api.request('events.csv', { kinds: ALERT_KINDS, limit: 5000 });
      downloadFile(file.fileName, file.csv, 'text/csv;charset=utf-8');
      push('success', t('alerts.history.csvDone', { file: file.fileName }));
    } catch (e) {
      push('error', t('alerts.history.csvFailed', { message: toRequestError(e).message }));
    }
  };

  if (error) return <p className="inline-error" role="alert">{t('alerts.loadFailed', { message: error })}</p>;
  if (!entries) return <Loading label={t('alerts.loading')} />;
  if (entries.length === 0) return <EmptyState testId="alerts-history-empty" title={t('alerts.history.empty')} />;
  return (
    <div className="stack">
      <div className="panel-head">
        <button type="button" className="button button-small" onClick={() => void exportCsv()} data-testid="alerts-history-csv">
          {t('alerts.history.csv')}
        </button>
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="alerts-history">
          <thead>
            <tr>
              <th scope="col">{t('alerts.col.time')}</th>
              <th scope="col">{t('alerts.col.event')}</th>
              <th scope="col">{t('alerts.col.severity')}</th>
              <th scope="col">{t('alerts.col.device')}</th>
              <th scope="col">{t('alerts.col.message')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="alert-history-row" data-type={e.type} data-kind={e.alert.kind}>
                <td>
                  <time dateTime={new Date(e.at).toISOString()}>{fmt.dateTime(e.at)}</time>
                </td>
                <td>{t(`alerts.event.${e.type}`)}</td>
                <td>
                  <SeverityTag severity={e.alert.severity} />
                </td>
                <td>
                  <DeviceLink alert={e.alert} />
                </td>
                <td>
                  {t(`alerts.kind.${e.alert.kind}`)}: {e.alert.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more ? (
        <button type="button" className="button" onClick={() => void loadOlder(entries.at(-1)?.id)}>
          {t('alerts.history.more')}
        </button>
      ) : null}
    </div>
  );
}
