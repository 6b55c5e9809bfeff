// The device page's Health tab: a user-started health check with progress,
// its report, and the support-bundle export.
import { useEffect, useState } from 'react';
import type { DiagnosticsStep, HealthReport } from '../../../../electron/contract/diagnostics.js';
import { toRequestError } from '../../api/errors.js';
import { ExportBundle } from '../../diagnostics/ExportBundle.js';
import { HealthReportView } from '../../diagnostics/HealthReportView.js';
import { useI18n } from '../../i18n/context.js';
import { useApi, useEvent } from '../../state/api.js';

export function HealthPanel({ deviceId }: { deviceId: string }) {
  const { t } = useI18n();
  const api = useApi();
  // undefined: not asked yet; null: no check run in this session.
  const [report, setReport] = useState<HealthReport | null>();
  const [running, setRunning] = useState(false);
  const [step, setStep] = useState<DiagnosticsStep>();
  const [error, setError] = useState<string>();
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    api.request('diagnostics.lastReport', { id: deviceId }).then(
      (r) => {
        if (live) setReport((current) => r ?? current ?? null);
      },
      (e: unknown) => {
        if (live) setError(toRequestError(e).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, deviceId, loads]);

  useEvent('diagnostics.progress', (p) => {
    if (p.deviceId === deviceId && p.job === 'health') setStep(p.step);
  });

  const run = async () => {
    setRunning(true);
    setError(undefined);
    setStep(undefined);
    try {
      setReport(await api.request('diagnostics.runHealthCheck', { id: deviceId }));
    } catch (e) {
      setError(toRequestError(e).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="health-panel" data-testid="health-panel">
      <section className="panel health-section health-intro">
        <p>{t('diagnostics.intro')}</p>
        <div className="health-run">
          <button type="button" className="button button-primary" onClick={() => void run()} disabled={running} data-testid="run-health-check">
            {running ? t('diagnostics.running') : report ? t('diagnostics.runAgain') : t('diagnostics.run')}
          </button>
          <span role="status" aria-live="polite" className="health-progress" data-testid="health-progress">
            {running && step ? t(`diagnostics.step.${step}`) : null}
          </span>
        </div>
      </section>
      {error ? (
        <div className="banner banner-error" role="alert" data-testid="health-error">
          {t('diagnostics.failed', { message: error })}
        </div>
      ) : null}
      {report ? <HealthReportView report={report} /> : null}
      {report === null && !running ? <p className="muted">{t('diagnostics.noReport')}</p> : null}
      <ExportBundle deviceId={deviceId} onExported={() => setLoads((n) => n + 1)} />
    </div>
  );
}
