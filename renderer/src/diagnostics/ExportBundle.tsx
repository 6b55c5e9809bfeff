// "Export support bundle": an optional web password (for the device's own
// logs), the wallet-redaction toggle, progress, then a download.
import { useId, useState, type FormEvent } from 'react';
import type { BundleManifest, DiagnosticsStep } from '../../../electron/contract/diagnostics.js';
import { toRequestError } from '../api/errors.js';
import { useI18n } from '../i18n/context.js';
import { useApi, useEvent } from '../state/api.js';
import { downloadFile } from '../download.js';
import { base64ToBytes, formatSize } from './logic.js';

type Outcome = { ok: true; fileName: string; bytes: number; manifest: BundleManifest } | { ok: false; message: string };

export function ExportBundle({ deviceId, onExported }: { deviceId: string; onExported?: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const ids = useId();
  const [webPassword, setWebPassword] = useState('');
  const [redactWallets, setRedactWallets] = useState(true);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<DiagnosticsStep>();
  const [outcome, setOutcome] = useState<Outcome>();

  useEvent('diagnostics.progress', (p) => {
    if (p.deviceId === deviceId && p.job === 'export') setStep(p.step);
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(undefined);
    setStep(undefined);
    try {
      const result = await api.request('diagnostics.exportBundle', {
        id: deviceId,
        ...(webPassword === '' ? {} : { webPassword }),
        redactWalletWorkers: redactWallets,
      });
      downloadFile(result.fileName, base64ToBytes(result.base64), 'application/zip');
      setOutcome({ ok: true, fileName: result.fileName, bytes: result.bytes, manifest: result.manifest });
      onExported?.();
    } catch (e) {
      setOutcome({ ok: false, message: toRequestError(e).message });
    } finally {
      // The password was for this export only.
      setWebPassword('');
      setBusy(false);
    }
  };

  return (
    <section className="panel health-section" aria-labelledby={`${ids}-title`}>
      <h2 className="panel-title" id={`${ids}-title`}>
        {t('diagnostics.export.title')}
      </h2>
      <p className="muted">{t('diagnostics.export.body')}</p>
      <form className="export-form" onSubmit={(e) => void submit(e)}>
        <label className="field" htmlFor={`${ids}-pw`}>
          {t('diagnostics.export.webPassword')}
          <input
            id={`${ids}-pw`}
            type="password"
            autoComplete="off"
            maxLength={64}
            value={webPassword}
            onChange={(e) => setWebPassword(e.target.value)}
            aria-describedby={`${ids}-pw-help`}
            disabled={busy}
            data-testid="export-web-password"
          />
          <span className="help" id={`${ids}-pw-help`}>
            {t('diagnostics.export.webPasswordHelp')}
          </span>
        </label>
        <label className="field-inline">
          <input type="checkbox" checked={redactWallets} onChange={(e) => setRedactWallets(e.target.checked)} disabled={busy} data-testid="export-redact-wallets" />
          {t('diagnostics.export.redactWallets')}
        </label>
        <div>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="export-bundle">
            {busy ? t('diagnostics.export.exporting') : t('diagnostics.export.button')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite" className="health-progress" data-testid="export-status">
        {busy && step ? t(`diagnostics.step.${step}`) : null}
        {outcome?.ok ? (
          <>
            <span data-testid="export-done">{t('diagnostics.export.done', { name: outcome.fileName, size: formatSize(outcome.bytes) })}</span>
            {outcome.manifest.notes.length ? (
              <span className="muted">
                {' '}
                {t('diagnostics.export.notes')} {outcome.manifest.notes.join('; ')}
              </span>
            ) : null}
          </>
        ) : null}
      </div>
      {outcome && !outcome.ok ? (
        <div className="banner banner-error" role="alert" data-testid="export-error">
          {t('diagnostics.export.failed', { message: outcome.message })}
        </div>
      ) : null}
    </section>
  );
}
