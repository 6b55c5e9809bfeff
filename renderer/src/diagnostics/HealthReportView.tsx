// One health report, as the device page and the bundle viewer show it: the
// checks with status icon and text, explanation and next step; decoded error
// codes (unknown bits shown as unknown); chip heat maps; the pool test; and
// exposure with what the user can do about it.
import type { DecodedError, HealthCheck, HealthReport, HealthStatus } from '../../../electron/contract/diagnostics.js';
import { useI18n } from '../i18n/context.js';
import { coreText } from '../i18n/core-text.js';
import { HeatMaps } from './HeatMap.js';
import { statusCounts } from './logic.js';
import '../styles/diagnostics.css';

const ICON: Record<HealthStatus, string> = { pass: '✓', warn: '!', fail: '✕', unknown: '?' };

export function StatusMark({ status }: { status: HealthStatus }) {
  const { t } = useI18n();
  return (
    <span className={`health-mark health-${status}`} data-status={status}>
      <span className="health-icon" aria-hidden="true">
        {ICON[status]}
      </span>
      {t(`diagnostics.status.${status}`)}
    </span>
  );
}

function CheckItem({ check }: { check: HealthCheck }) {
  const { t, fmt, language } = useI18n();
  const details = Object.entries(check.details ?? {});
  // Reports from before keyed texts have no titleText: the title by check id is translated here.
  const title = check.titleText === undefined ? t(`diagnostics.check.${check.id}`) : coreText(language, check.titleText, check.title);
  return (
    <li className={`health-check health-check-${check.status}`} data-testid={`check-${check.id}`} data-status={check.status}>
      <div className="health-check-head">
        <StatusMark status={check.status} />
        <h3 className="health-check-title">{title}</h3>
      </div>
      <p className="health-explanation">{coreText(language, check.explanationText, check.explanation)}</p>
      {check.status === 'pass' ? null : (
        <p className="health-next">
          <strong>{t('diagnostics.nextStep')}</strong> {coreText(language, check.nextStepText, check.nextStep)}
        </p>
      )}
      {details.length ? (
        <details className="health-details">
          <summary>{t('diagnostics.details')}</summary>
          <dl className="kv-grid compact">
            {details.map(([k, v]) => (
              <div className="figure" key={k}>
                <dt className="mono">{coreText(language, check.detailLabels?.[k], k)}</dt>
                <dd className="mono">{typeof v === 'number' ? fmt.number(v, 3) : coreText(language, check.detailValues?.[k], String(v))}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </li>
  );
}

function DecodedErrors({ errors }: { errors: readonly DecodedError[] }) {
  const { t, language } = useI18n();
  if (errors.length === 0) return <p className="muted">{t('diagnostics.errors.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="decoded-errors">
        <caption className="visually-hidden">{t('diagnostics.errors.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('diagnostics.errors.col.field')}</th>
            <th scope="col">{t('diagnostics.errors.col.where')}</th>
            <th scope="col">{t('diagnostics.errors.col.code')}</th>
            <th scope="col">{t('diagnostics.errors.col.meaning')}</th>
            <th scope="col">{t('diagnostics.errors.col.source')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i} data-severity={e.severity}>
              <th scope="row" className="mono">
                {e.field}
              </th>
              <td>
                {e.module}
                {e.board === undefined ? '' : ` · ${t('diagnostics.errors.board', { n: e.board + 1 })}`}
              </td>
              <td className="mono">{e.text}</td>
              <td>
                <ul className="plain-list">
                  {e.meanings.map((m, j) => (
                    <li key={j}>
                      <StatusMark status={m.severity === 'info' ? 'pass' : m.severity} /> {m.bit === null ? null : <span className="mono">{t('diagnostics.errors.bit', { n: m.bit })} </span>}
                      {m.name}: {coreText(language, m.meaningText, m.meaning)}
                    </li>
                  ))}
                  {e.unknownBits.length ? (
                    <li data-testid="unknown-bits">
                      <StatusMark status="unknown" /> {t('diagnostics.errors.unknownBits', { bits: e.unknownBits.join(', ') })}
                    </li>
                  ) : null}
                </ul>
              </td>
              <td className="muted small">{[...new Set(e.meanings.map((m) => m.source))].join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PoolProbes({ report }: { report: HealthReport }) {
  const { t, fmt } = useI18n();
  const probes = report.poolProbes ?? [];
  if (probes.length === 0) return null;
  const ms = (v: number | undefined): string => (v === undefined ? '—' : `${fmt.number(v, 1)} ms`);
  return (
    <section className="panel health-section" aria-labelledby="health-pools">
      <h2 className="panel-title" id="health-pools">
        {t('diagnostics.pools.title')}
      </h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="pool-probes">
          <caption className="visually-hidden">{t('diagnostics.pools.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('diagnostics.pools.col.pool')}</th>
              <th scope="col">{t('diagnostics.pools.col.result')}</th>
              <th scope="col" className="num">
                {t('diagnostics.pools.col.connect')}
              </th>
              <th scope="col" className="num">
                {t('diagnostics.pools.col.subscribe')}
              </th>
            </tr>
          </thead>
          <tbody>
            {probes.map((p) => (
              <tr key={p.index}>
                <th scope="row" className="mono cell-wrap">
                  {p.index}: {p.url}
                </th>
                <td>
                  <StatusMark status={p.reachable ? 'pass' : 'fail'} /> {p.reachable ? t('diagnostics.pools.reachable') : t('diagnostics.pools.unreachable')}
                  {p.error ? <span className="muted"> ({p.error.message})</span> : null}
                </td>
                <td className="num">{ms(p.connectMs)}</td>
                <td className="num">{ms(p.subscribeMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Exposure({ report }: { report: HealthReport }) {
  const { t, language } = useI18n();
  const check = report.checks.find((c) => c.id === 'exposure');
  if (check === undefined) return null;
  const probe = report.exposureProbe;
  return (
    <section className={`panel health-section exposure exposure-${check.status}`} aria-labelledby="health-exposure" data-testid="exposure">
      <h2 className="panel-title" id="health-exposure">
        {t('diagnostics.exposure.title')} <StatusMark status={check.status} />
      </h2>
      <p>{t(`diagnostics.exposure.${probe?.access ?? 'unknown'}`)}</p>
      <p>{coreText(language, check.explanationText, check.explanation)}</p>
      {check.status === 'pass' ? null : <p className="health-next">{t('diagnostics.exposure.advice')}</p>}
      {probe ? <p className="muted small">{t('diagnostics.exposure.sent', { command: probe.sent })}</p> : null}
    </section>
  );
}

export function HealthReportView({ report }: { report: HealthReport }) {
  const { t, fmt } = useI18n();
  const counts = statusCounts(report);
  return (
    <div className="health-report" data-testid="health-report">
      <div className={`health-overall health-overall-${report.overall}`} data-testid="health-overall">
        <span className="health-overall-label">{t('diagnostics.overall')}</span>
        <StatusMark status={report.overall} />
        <span className="muted">{t('diagnostics.summary', { fail: counts.fail, warn: counts.warn, pass: counts.pass, unknown: counts.unknown })}</span>
        <span className="muted">{t('diagnostics.checkedAt', { time: fmt.dateTime(report.generatedAt) })}</span>
      </div>
      <section className="panel health-section" aria-labelledby="health-checks">
        <h2 className="panel-title" id="health-checks">
          {t('diagnostics.checks')}
        </h2>
        <ul className="health-checks">
          {report.checks.map((c) => (
            <CheckItem key={c.id} check={c} />
          ))}
        </ul>
      </section>
      <section className="panel health-section" aria-labelledby="health-errors">
        <h2 className="panel-title" id="health-errors">
          {t('diagnostics.errors.title')}
        </h2>
        <DecodedErrors errors={report.decodedErrors} />
      </section>
      <section className="panel health-section" aria-labelledby="health-chips">
        <h2 className="panel-title" id="health-chips">
          {t('diagnostics.heat.title')}
        </h2>
        <HeatMaps maps={report.heatMaps} />
      </section>
      <PoolProbes report={report} />
      <Exposure report={report} />
    </div>
  );
}
