// Earnings settings: currency, electricity tariff (one price or day/night),
// pool terms, the market data sources, and values typed by hand. One form,
// checked as a whole before it is sent; the core validates again.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { EarningsSettings, EarningsSettingsPatch, PayoutScheme } from '../../../../electron/contract/earnings.js';
import { toRequestError } from '../../api/errors.js';
import { CURRENCIES } from '../../earnings/format.js';
import { fromDraft, toDraft, type DraftField, type DraftProblem, type SettingsDraft } from '../../earnings/settings-draft.js';
import { useI18n } from '../../i18n/context.js';
import { useToasts } from '../../state/toasts.js';

const SCHEMES: readonly PayoutScheme[] = ['fpps', 'pps-plus', 'pplns', 'solo'];

function currencyName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function EarningsSettingsForm({ settings, pinned, save }: { settings: EarningsSettings; pinned: boolean; save(patch: EarningsSettingsPatch): Promise<void> }) {
  const { t, fmt } = useI18n();
  const { push } = useToasts();
  const base = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  const set = (field: DraftField) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const problemOf = (field: DraftField) => problems.find((p) => p.field === field);
  const currency = draft.currency;

  const input = (field: DraftField, label: string, opts: { type?: 'number' | 'url' | 'time'; help?: string; disabled?: boolean; min?: number; step?: string } = {}): ReactNode => {
    const id = `${base}-${field}`;
    const problem = problemOf(field);
    const describedBy = [opts.help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className="field earnings-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={opts.type ?? 'number'}
          {...(opts.type === undefined || opts.type === 'number' ? { inputMode: 'decimal' as const, min: opts.min ?? 0, step: opts.step ?? 'any' } : {})}
          value={draft[field]}
          onChange={(e) => set(field)(e.target.value)}
          disabled={opts.disabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          data-testid={`earnings-setting-${field}`}
        />
        {opts.help ? (
          <small id={`${id}-help`} className="help">
            {opts.help}
          </small>
        ) : null}
        {problem ? (
          <small id={`${id}-error`} className="field-error">
            {t(`earnings.settings.problem.${problem.kind}`)}
          </small>
        ) : null}
      </div>
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaveError(undefined);
    const result = fromDraft(draft);
    if (result.problems) {
      setProblems(result.problems);
      document.getElementById(`${base}-${result.problems[0]?.field ?? ''}`)?.focus();
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      // When the host fixed the sources the URL fields are read-only: keep what is saved.
      await save(pinned ? { ...result.settings, market: settings.market } : result.settings);
      push('success', t('earnings.settings.saved'));
    } catch (e) {
      setSaveError(t('earnings.settings.saveFailed', { message: toRequestError(e).message }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${base}-title`} data-testid="earnings-settings">
      <h2 className="panel-title" id={`${base}-title`}>
        {t('earnings.settings.title')}
      </h2>
      <form className="earnings-form" onSubmit={submit} noValidate>
        <fieldset className="earnings-fieldset">
          <legend>{t('earnings.settings.tariff')}</legend>
          <div className="earnings-form-row">
            <div className="field earnings-field">
              <label htmlFor={`${base}-currency`}>{t('earnings.settings.currency')}</label>
              <select id={`${base}-currency`} value={currency} onChange={(e) => set('currency')(e.target.value)} data-testid="earnings-setting-currency">
                {(CURRENCIES as readonly string[]).includes(currency) ? null : <option value={currency}>{currency}</option>}
                {CURRENCIES.map((code) => (
                  <option key={code} value={code}>
                    {code} · {currencyName(fmt.locale, code)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field earnings-field earnings-field-auto" role="radiogroup" aria-label={t('earnings.settings.tariff')}>
              <div className="segmented" data-testid="earnings-setting-tariff-kind">
                {(['flat', 'day-night'] as const).map((kind) => (
                  <label key={kind} className="segment">
                    <input type="radio" name={`${base}-tariff`} value={kind} checked={draft.tariffKind === kind} onChange={() => setDraft((d) => ({ ...d, tariffKind: kind }))} data-testid={`earnings-tariff-${kind}`} />
                    <span>{t(`earnings.settings.tariff.${kind}`)}</span>
                  </label>
                ))}
              </div>
            </div>
          </div>
          {draft.tariffKind === 'flat' ? (
            <div className="earnings-form-row">{input('price', t('earnings.settings.price', { currency }))}</div>
          ) : (
            <div className="earnings-form-row">
              {input('dayPrice', t('earnings.settings.dayPrice', { currency }))}
              {input('nightPrice', t('earnings.settings.nightPrice', { currency }))}
              {input('nightStart', t('earnings.settings.nightStart'), { type: 'time' })}
              {input('nightEnd', t('earnings.settings.nightEnd'), { type: 'time' })}
            </div>
          )}
        </fieldset>

        <fieldset className="earnings-fieldset">
          <legend>{t('earnings.settings.pool')}</legend>
          <div className="earnings-form-row">
            <div className="field earnings-field">
              <label htmlFor={`${base}-scheme`}>{t('earnings.settings.scheme')}</label>
              <select id={`${base}-scheme`} value={draft.scheme} onChange={(e) => setDraft((d) => ({ ...d, scheme: e.target.value as PayoutScheme }))} data-testid="earnings-setting-scheme">
                {SCHEMES.map((scheme) => (
                  <option key={scheme} value={scheme}>
                    {t(`earnings.scheme.${scheme}`)}
                  </option>
                ))}
              </select>
            </div>
            {input('fee', t('earnings.settings.fee'))}
            {draft.scheme === 'pps-plus' ? input('txFee', t('earnings.settings.txFee'), { help: t('earnings.settings.txFeeHelp') }) : null}
          </div>
        </fieldset>

        <fieldset className="earnings-fieldset">
          <legend>{t('earnings.settings.market')}</legend>
          <div className="earnings-form-row earnings-form-wide">
            {input('baseUrl', t('earnings.settings.baseUrl'), { type: 'url', help: t('earnings.settings.baseUrlHelp'), disabled: pinned })}
            {input('ratesUrl', t('earnings.settings.ratesUrl'), { type: 'url', help: t('earnings.settings.ratesUrlHelp'), disabled: pinned })}
          </div>
        </fieldset>

        <fieldset className="earnings-fieldset">
          <legend>{t('earnings.settings.overrides')}</legend>
          <p className="help">{t('earnings.settings.overridesHelp')}</p>
          <div className="earnings-form-row">
            {input('difficulty', t('earnings.settings.ov.difficulty'))}
            {input('tipHeight', t('earnings.settings.ov.tipHeight'), { step: '1' })}
            {input('fees', t('earnings.settings.ov.fees'))}
            {input('btcPrice', t('earnings.settings.ov.btcPrice', { currency }))}
            {currency !== 'USD' ? input('usdRate', t('earnings.settings.ov.usdRate', { currency })) : null}
          </div>
        </fieldset>

        <div className="earnings-form-actions">
          <button type="submit" className="button button-primary" disabled={saving} data-testid="earnings-settings-save">
            {saving ? t('action.saving') : t('earnings.settings.save')}
          </button>
          {problems.length > 0 ? (
            <span className="field-error" role="alert">
              {t('earnings.settings.hasProblems')}
            </span>
          ) : null}
          {saveError ? (
            <span className="field-error" role="alert" data-testid="earnings-settings-error">
              {saveError}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
