// The change log of one device (tuning.audit), newest first; refreshed when
// a change of this device is audited.
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../electron/contract/tuning.js';
import { toRequestError } from '../../api/errors.js';
import { useI18n } from '../../i18n/context.js';
import { coreText } from '../../i18n/core-text.js';
import { useApi, useEvent } from '../../state/api.js';
import { auditText, resultHeadline, valueText } from '../../tuning/logic.js';

const LIMIT = 50;

export function TuningAudit({ deviceId, version }: { deviceId: string; version: number }) {
  const api = useApi();
  const { t, fmt, language } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [error, setError] = useState<string>();
  const [bump, setBump] = useState(0);

  useEvent('tuning.audited', (entry) => {
    if (entry.deviceId === deviceId) setBump((b) => b + 1);
  });
  useEffect(() => {
    let live = true;
    api.request('tuning.audit', { id: deviceId, limit: LIMIT }).then(
      (list) => live && setEntries(list),
      (e: unknown) => live && setError(toRequestError(e).message),
    );
    return () => {
      live = false;
    };
  }, [api, deviceId, version, bump]);

  return (
    <section className="panel" aria-labelledby="tuning-audit-title" data-testid="tuning-audit">
      <h2 id="tuning-audit-title" className="panel-title">
        {t('tuning.audit.title')}
      </h2>
      {error ? <p className="inline-error">{error}</p> : null}
      {entries && entries.length === 0 ? <p className="muted">{t('tuning.audit.none')}</p> : null}
      {entries && entries.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('tuning.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tuning.audit.col.when')}</th>
                <th scope="col">{t('tuning.audit.col.who')}</th>
                <th scope="col">{t('tuning.audit.col.change')}</th>
                <th scope="col">{t('tuning.audit.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-testid="tuning-audit-row" data-status={e.status}>
                  <td className="nowrap">{fmt.dateTime(e.at)}</td>
                  <td>{t(`tuning.audit.who.${e.who}`)}</td>
                  <td>{auditText(t, e)}</td>
                  <td>
                    <strong>{resultHeadline(t, e).text}</strong> <span className="small">{coreText(language, e.text, e.message)}</span>
                    {e.deviceMessage && e.status !== 'applied' ? <div className="mono small">{e.deviceMessage}</div> : null}
                    {e.before !== undefined || e.after !== undefined ? (
                      <div className="small muted">{t('tuning.result.beforeAfter', { before: valueText(t, undefined, e.before), after: valueText(t, undefined, e.after) })}</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
