// The app's structured log, filtered by lowest level, text and time range.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { LogLevel, LogQuery } from '../../../electron/contract/diagnostics.js';
import type { RequestResult } from '../../../electron/contract/api.js';
import { toRequestError } from '../api/errors.js';
import { LogTable } from '../diagnostics/LogTable.js';
import { useI18n } from '../i18n/context.js';
import { useApi } from '../state/api.js';
import '../styles/diagnostics.css';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A datetime-local value (local time) as Unix ms; undefined when empty or unreadable. */
function localTimeMs(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

export function LogsPage() {
  const { t } = useI18n();
  const api = useApi();
  const ids = useId();
  const [level, setLevel] = useState<LogLevel>('info');
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<RequestResult<'logs.query'>>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    (query: LogQuery) => {
      api.request('logs.query', query).then(
        (r) => {
          setResult(r);
          setError(undefined);
        },
        (e: unknown) => setError(toRequestError(e).message),
      );
    },
    [api],
  );

  const currentQuery = (): LogQuery => {
    const fromMs = localTimeMs(from);
    const toMs = localTimeMs(to);
    return { minLevel: level, limit: 1000, ...(text.trim() === '' ? {} : { text: text.trim() }), ...(fromMs === undefined ? {} : { from: fromMs }), ...(toMs === undefined ? {} : { to: toMs }) };
  };

  useEffect(() => load({ minLevel: 'info', limit: 1000 }), [load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    load(currentQuery());
  };

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('diagnostics.logs.title')}</h1>
          <p className="page-subtitle">{t('diagnostics.logs.subtitle')}</p>
        </div>
      </header>
      <form className="panel log-filters" onSubmit={submit} aria-label={t('diagnostics.logs.filters')}>
        <label className="field" htmlFor={`${ids}-level`}>
          {t('diagnostics.logs.level')}
          <select id={`${ids}-level`} value={level} onChange={(e) => setLevel(e.target.value as LogLevel)} data-testid="logs-level">
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`diagnostics.logs.level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow" htmlFor={`${ids}-text`}>
          {t('diagnostics.logs.text')}
          <input id={`${ids}-text`} type="search" maxLength={200} value={text} onChange={(e) => setText(e.target.value)} data-testid="logs-text" />
        </label>
        <label className="field" htmlFor={`${ids}-from`}>
          {t('diagnostics.logs.from')}
          <input id={`${ids}-from`} type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="logs-from" />
        </label>
        <label className="field" htmlFor={`${ids}-to`}>
          {t('diagnostics.logs.to')}
          <input id={`${ids}-to`} type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} data-testid="logs-to" />
        </label>
        <button type="submit" className="button button-primary" data-testid="logs-apply">
          {t('diagnostics.logs.apply')}
        </button>
      </form>
      {error ? (
        <div className="banner banner-error" role="alert">
          {t('diagnostics.logs.failed', { message: error })}
        </div>
      ) : null}
      {result ? (
        <section className="panel table-panel" aria-live="polite">
          <p className="muted log-count" data-testid="logs-count">
            {t('diagnostics.logs.count', { n: result.entries.length })}
            {result.skipped ? ` ${t('diagnostics.logs.skipped', { n: result.skipped })}` : ''}
          </p>
          <LogTable entries={result.entries} />
        </section>
      ) : null}
    </div>
  );
}
