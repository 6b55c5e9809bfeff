// Log entries as a table: the app's Logs page and the logs inside a bundle.
import type { LogEntry } from '../../../electron/contract/diagnostics.js';
import { useI18n } from '../i18n/context.js';

export function LogTable({ entries, testId = 'log-table' }: { entries: readonly LogEntry[]; testId?: string }) {
  const { t, fmt } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('diagnostics.logs.none')}</p>;
  return (
    <div className="table-scroll log-scroll">
      <table className="data-table log-table" data-testid={testId}>
        <caption className="visually-hidden">{t('diagnostics.logs.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('diagnostics.logs.col.time')}</th>
            <th scope="col">{t('diagnostics.logs.col.level')}</th>
            <th scope="col">{t('diagnostics.logs.col.scope')}</th>
            <th scope="col">{t('diagnostics.logs.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.t}-${i}`} className={`log-${e.level}`} data-testid="log-row">
              <td className="nowrap">{fmt.dateTime(e.t)}</td>
              <td>
                <span className={`log-level log-level-${e.level}`}>{t(`diagnostics.logs.level.${e.level}`)}</span>
              </td>
              <td className="mono">{e.scope}</td>
              <td className="cell-wrap">
                {e.msg}
                {e.data === undefined ? null : <code className="log-data">{JSON.stringify(e.data)}</code>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
