import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../electron/contract/api.js';
import { toRequestError } from '../api/errors.js';
import { Loading } from '../components/EmptyState.js';
import { useI18n } from '../i18n/context.js';
import { dictionaries, LANGUAGES, translate } from '../i18n/messages.js';
import { useBridge } from '../state/api.js';
import { useSettings } from '../state/settings.js';
import { useToasts } from '../state/toasts.js';

// Shown in their own language, so a user who cannot read the current one finds theirs.
const LANGUAGE_NAMES: Record<Settings['language'], string> = { en: 'English', 'zh-CN': '简体中文' };
const THEMES: readonly Settings['theme'][] = ['system', 'light', 'dark'];
const POLL_MIN_S = 1;
const POLL_MAX_S = 600;

function PollIntervalForm({ current, save }: { current: number; save(ms: number): Promise<void> }) {
  const { t } = useI18n();
  const [value, setValue] = useState(String(current / 1000));
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const seconds = Number(value);
    if (!Number.isInteger(seconds) || seconds < POLL_MIN_S || seconds > POLL_MAX_S) {
      setError(t('settings.pollInvalid', { min: POLL_MIN_S, max: POLL_MAX_S }));
      return;
    }
    setError(undefined);
    await save(seconds * 1000);
  };
  return (
    <form className="setting-row" onSubmit={submit} noValidate>
      <label className="field" htmlFor="poll-interval">
        <span className="setting-label">{t('settings.poll')}</span>
        <small className="help">{t('settings.pollHelp')}</small>
      </label>
      <div className="setting-control">
        <div className="input-with-unit">
          <input
            id="poll-interval"
            type="number"
            min={POLL_MIN_S}
            max={POLL_MAX_S}
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'poll-error' : undefined}
            data-testid="settings-poll"
          />
          <span className="unit">{t('settings.seconds')}</span>
        </div>
        <button type="submit" className="button" disabled={value === String(current / 1000)}>
          {t('action.apply')}
        </button>
        {error ? (
          <small id="poll-error" className="field-error" role="alert">
            {error}
          </small>
        ) : null}
      </div>
    </form>
  );
}

export function SettingsPage() {
  const { settings, appInfo, update } = useSettings();
  const { transport } = useBridge();
  const { t, language } = useI18n();
  const { push } = useToasts();

  const save = async (patch: Partial<Settings>) => {
    try {
      await update(patch);
      // Confirm in the language just chosen, not the one this closure was rendered in.
      push('success', translate(dictionaries[patch.language ?? language], 'settings.saved'));
    } catch (e) {
      push('error', t('settings.saveFailed', { message: toRequestError(e).message }));
    }
  };

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <div>
          <h1>{t('settings.title')}</h1>
        </div>
      </header>
      {!settings ? (
        <Loading label={t('settings.loading')} />
      ) : (
        <>
          <section className="panel settings" aria-labelledby="settings-general">
            <h2 className="panel-title" id="settings-general">
              {t('settings.general')}
            </h2>
            <PollIntervalForm key={settings.pollIntervalMs} current={settings.pollIntervalMs} save={(ms) => save({ pollIntervalMs: ms })} />
            <div className="setting-row">
              <label className="field" htmlFor="language">
                <span className="setting-label">{t('settings.language')}</span>
              </label>
              <div className="setting-control">
                <select id="language" value={settings.language} onChange={(e) => save({ language: e.target.value as Settings['language'] })} data-testid="settings-language">
                  {LANGUAGES.map((lang) => (
                    <option key={lang} value={lang} lang={lang}>
                      {LANGUAGE_NAMES[lang]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <fieldset className="setting-row">
              <legend className="setting-label">{t('settings.theme')}</legend>
              <div className="setting-control segmented" data-testid="settings-theme">
                {THEMES.map((theme) => (
                  <label key={theme} className="segment">
                    <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => save({ theme })} data-testid={`theme-${theme}`} />
                    <span>{t(`settings.theme.${theme}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </section>
          {appInfo ? (
            <section className="panel" aria-labelledby="settings-about">
              <h2 className="panel-title" id="settings-about">
                {t('settings.about')}
              </h2>
              <dl className="kv-grid">
                <div className="figure">
                  <dt>{t('settings.version')}</dt>
                  <dd>{appInfo.version}</dd>
                </div>
                <div className="figure">
                  <dt>{t('settings.host')}</dt>
                  <dd>{t(`settings.host.${appInfo.host}`)}</dd>
                </div>
                <div className="figure">
                  <dt>{t('settings.transport')}</dt>
                  <dd>{t(`settings.transport.${transport}`)}</dd>
                </div>
                <div className="figure">
                  <dt>{t('settings.platform')}</dt>
                  <dd>{appInfo.platform}</dd>
                </div>
              </dl>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
