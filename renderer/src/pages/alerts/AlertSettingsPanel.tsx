// Alert settings: rule thresholds, phone notifications (Telegram, Discord,
// ntfy: tokens are write-only here), quiet hours, and the Prometheus endpoint.
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AlertRules, AlertsOverview, AlertsSettingsView, ChannelId, DeliveryStatus, MetricsSettings, TestChannelResult } from '../../../../electron/contract/alerts.js';
import { toRequestError } from '../../api/errors.js';
import { RULE_FIELDS, fromDraft, ruleValue, sameSettings, toDraft, withRuleEnabled, withRuleValue, type AlertDraft, type RuleField } from '../../alerts/draft.js';
import { Loading } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey, PlainMessageKey } from '../../i18n/messages.js';
import { useApi, useEvent } from '../../state/api.js';
import { useToasts } from '../../state/toasts.js';

const CHANNELS: readonly ChannelId[] = ['telegram', 'discord', 'ntfy'];
const FIELD_LABELS: Record<string, PlainMessageKey> = {
  failedPolls: 'alerts.field.failedPolls',
  afterS: 'alerts.field.afterS',
  clearHoldS: 'alerts.field.clearHoldS',
  limitC: 'alerts.field.limitC',
  overTargetC: 'alerts.field.overTargetC',
  holdS: 'alerts.field.holdS',
  belowShare: 'alerts.field.belowPercent',
  abovePercent: 'alerts.field.abovePercent',
  settleS: 'alerts.field.settleS',
};

function timeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

function NumberField({ id, label, field, value, onChange }: { id: string; label: string; field: RuleField; value: number; onChange(v: number): void }) {
  const [text, setText] = useState(String(value));
  // A new value from outside (after saving) replaces the text, unless the text already says it ("1." while typing 1.5).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (Number(text) !== value) setText(String(value));
  }
  const parsed = Number(text);
  const invalid = text.trim() === '' || !Number.isFinite(parsed) || parsed < field.min || parsed > field.max;
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type="number"
        min={field.min}
        max={field.max}
        step={field.step}
        value={text}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= field.min && n <= field.max) onChange(n);
        }}
        data-testid={id}
      />
    </label>
  );
}

function RulesSection({ rules, onChange }: { rules: AlertRules; onChange(r: AlertRules): void }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="alert-rules-title">
      <h2 className="panel-title" id="alert-rules-title">
        {t('alerts.rules.title')}
      </h2>
      <p className="help">{t('alerts.rules.help')}</p>
      <div className="alert-rules">
        {RULE_FIELDS.map(({ rule, fields }) => (
          <fieldset key={rule} className="alert-rule" data-testid={`alert-rule-${rule}`}>
            <legend>{t(`alerts.rule.${rule}`)}</legend>
            <label className="field-inline">
              <input type="checkbox" checked={rules[rule].enabled} onChange={(e) => onChange(withRuleEnabled(rules, rule, e.target.checked))} data-testid={`alert-rule-${rule}-enabled`} />
              {t('alerts.rules.enabled')}
            </label>
            {fields.map((field) => (
              <NumberField
                key={field.key}
                id={`alert-rule-${rule}-${field.key}`}
                label={t(FIELD_LABELS[field.key] ?? 'alerts.field.holdS')}
                field={field}
                value={ruleValue(rules, rule, field)}
                onChange={(v) => onChange(withRuleValue(rules, rule, field, v))}
              />
            ))}
          </fieldset>
        ))}
      </div>
    </section>
  );
}

function SecretField({ channel, stored, protection, onChanged }: { channel: ChannelId; stored: boolean; protection: AlertsOverview['secretProtection']; onChanged(set: Record<ChannelId, boolean>): void }) {
  const { t } = useI18n();
  const api = useApi();
  const { push } = useToasts();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `alert-secret-${channel}`;

  const change = async (next: string | null) => {
    setBusy(true);
    try {
      const result = await api.request('alerts.secret.set', { channel, value: next });
      onChanged(result.secretsSet);
      setValue('');
      setEditing(false);
      push('success', t(next === null ? 'alerts.secret.deleted' : 'alerts.secret.saved'));
    } catch (e) {
      push('error', t('alerts.secret.failed', { message: toRequestError(e).message }));
    } finally {
      setBusy(false);
    }
  };

  if (protection === 'none') {
    return (
      <div className="field">
        <span>{t(`alerts.secret.${channel}`)}</span>
        <small className="help">{t('alerts.secret.none')}</small>
      </div>
    );
  }
  if (stored && !editing) {
    return (
      <div className="field">
        <span id={`${id}-label`}>{t(`alerts.secret.${channel}`)}</span>
        <div className="secret-stored" aria-labelledby={`${id}-label`}>
          <span className="badge badge-online" data-testid={`${id}-stored`}>
            {t('alerts.secret.stored')}
          </span>
          <button type="button" className="button button-small" onClick={() => setEditing(true)} disabled={busy} data-testid={`${id}-replace`}>
            {t('alerts.secret.replace')}
          </button>
          <button type="button" className="button button-small button-danger-quiet" onClick={() => void change(null)} disabled={busy} data-testid={`${id}-delete`}>
            {t('alerts.secret.delete')}
          </button>
        </div>
      </div>
    );
  }
  const submit = () => {
    if (value.trim()) void change(value.trim());
  };
  // Inside the settings form: Enter saves the token, not the whole form.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    submit();
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t(`alerts.secret.${channel}`)}</label>
      <div className="secret-edit">
        <input id={id} type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={onKeyDown} placeholder={stored ? '' : t('alerts.secret.notStored')} data-testid={id} />
        <button type="button" className="button button-small" onClick={submit} disabled={busy || !value.trim()} data-testid={`${id}-save`}>
          {t('alerts.secret.save')}
        </button>
        {stored ? (
          <button type="button" className="button button-small" onClick={() => setEditing(false)}>
            {t('alerts.secret.cancel')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function DeliveryLine({ status }: { status: DeliveryStatus | undefined }) {
  const { t, fmt } = useI18n();
  if (!status) return null;
  return (
    <>
      {status.state === 'failed' && status.error ? <small className="inline-error">{t('alerts.delivery.failed', { error: status.error })}</small> : null}
      {status.lastSuccessAt !== undefined && status.state !== 'failed' ? <small className="help">{t('alerts.delivery.ok', { time: fmt.dateTime(status.lastSuccessAt) })}</small> : null}
      {status.failedCount > 0 ? <small className="help">{t('alerts.delivery.lost', { count: status.failedCount })}</small> : null}
    </>
  );
}

function ChannelCard({
  channel,
  draft,
  setDraft,
  overview,
  setSecrets,
  dirty,
}: {
  channel: ChannelId;
  draft: AlertDraft;
  setDraft(d: AlertDraft): void;
  overview: AlertsOverview;
  setSecrets(s: Record<ChannelId, boolean>): void;
  dirty: boolean;
}) {
  const { t } = useI18n();
  const api = useApi();
  const base = useId();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestChannelResult>();
  const c = draft.channels[channel];
  const set = (patch: Partial<typeof c>) => setDraft({ ...draft, channels: { ...draft.channels, [channel]: { ...c, ...patch } } });
  const test = async () => {
    setTesting(true);
    setResult(undefined);
    try {
      setResult(await api.request('alerts.test', { channel }));
    } catch (e) {
      setResult({ ok: false, attempts: 0, error: toRequestError(e).message });
    } finally {
      setTesting(false);
    }
  };
  const mainLabel: MessageKey = channel === 'telegram' ? 'alerts.channel.chatId' : channel === 'discord' ? 'alerts.channel.username' : 'alerts.channel.topic';
  const serverLabel: MessageKey | undefined = channel === 'telegram' ? 'alerts.channel.apiBaseUrl' : channel === 'ntfy' ? 'alerts.channel.serverUrl' : undefined;
  return (
    <fieldset className="alert-channel" data-testid={`alert-channel-${channel}`}>
      <legend>{t(`alerts.channel.${channel}`)}</legend>
      <label className="field-inline">
        <input type="checkbox" checked={c.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid={`alert-channel-${channel}-enabled`} />
        {t('alerts.channel.enabled')}
      </label>
      <label className="field" htmlFor={`${base}-main`}>
        <span>{t(mainLabel)}</span>
        <input id={`${base}-main`} value={c.main} onChange={(e) => set({ main: e.target.value })} spellCheck={false} data-testid={`alert-channel-${channel}-main`} />
        {channel === 'telegram' ? <small className="help">{t('alerts.channel.chatIdHelp')}</small> : null}
        {channel === 'ntfy' ? <small className="help">{t('alerts.channel.topicHelp')}</small> : null}
      </label>
      {serverLabel ? (
        <label className="field" htmlFor={`${base}-server`}>
          <span>{t(serverLabel)}</span>
          <input id={`${base}-server`} type="url" value={c.server} onChange={(e) => set({ server: e.target.value })} spellCheck={false} data-testid={`alert-channel-${channel}-server`} />
        </label>
      ) : null}
      <SecretField channel={channel} stored={overview.secretsSet[channel] === true} protection={overview.secretProtection} onChanged={setSecrets} />
      <div className="alert-test">
        <button type="button" className="button button-small" onClick={() => void test()} disabled={testing} data-testid={`alert-channel-${channel}-test`}>
          {testing ? t('alerts.testing') : t('alerts.test')}
        </button>
        <span role="status" aria-live="polite" data-testid={`alert-channel-${channel}-result`}>
          {dirty && !testing && !result ? <small className="help">{t('alerts.test.saveFirst')}</small> : null}
          {result ? (
            result.ok ? (
              <small className="alert-ok">{t('alerts.test.ok')}</small>
            ) : (
              <small className="inline-error">{t('alerts.test.failed', { attempts: result.attempts, error: result.error ?? '' })}</small>
            )
          ) : null}
        </span>
      </div>
      <DeliveryLine status={overview.delivery.find((d) => d.channel === channel)} />
    </fieldset>
  );
}

function QuietHoursSection({ draft, setDraft, quiet }: { draft: AlertDraft; setDraft(d: AlertDraft): void; quiet: boolean }) {
  const { t } = useI18n();
  const q = draft.settings.quietHours;
  const set = (patch: Partial<typeof q>) => setDraft({ ...draft, settings: { ...draft.settings, quietHours: { ...q, ...patch } } });
  const [zones] = useState(timeZones);
  return (
    <section className="panel" aria-labelledby="alert-quiet-title" data-testid="alert-quiet">
      <h2 className="panel-title" id="alert-quiet-title">
        {t('alerts.quiet.title')}
      </h2>
      <p className="help">{t('alerts.quiet.help')}</p>
      {quiet ? <p className="banner banner-warn" role="status">{t('alerts.quiet.now')}</p> : null}
      <label className="field-inline">
        <input type="checkbox" checked={q.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid="alert-quiet-enabled" />
        {t('alerts.quiet.enabled')}
      </label>
      <div className="alert-row">
        <label className="field">
          <span>{t('alerts.quiet.start')}</span>
          <input type="time" value={q.start} onChange={(e) => e.target.value && set({ start: e.target.value })} data-testid="alert-quiet-start" />
        </label>
        <label className="field">
          <span>{t('alerts.quiet.end')}</span>
          <input type="time" value={q.end} onChange={(e) => e.target.value && set({ end: e.target.value })} data-testid="alert-quiet-end" />
        </label>
        <label className="field grow">
          <span>{t('alerts.quiet.timeZone')}</span>
          <input list="alert-time-zones" value={q.timeZone} onChange={(e) => set({ timeZone: e.target.value })} spellCheck={false} data-testid="alert-quiet-zone" />
          <datalist id="alert-time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
      </div>
      <label className="field-inline">
        <input type="checkbox" checked={q.letCriticalThrough} onChange={(e) => set({ letCriticalThrough: e.target.checked })} />
        {t('alerts.quiet.critical')}
      </label>
      <label className="field-inline">
        <input type="checkbox" checked={q.summaryAtEnd} onChange={(e) => set({ summaryAtEnd: e.target.checked })} />
        {t('alerts.quiet.summary')}
      </label>
    </section>
  );
}

function MetricsSection({ metrics, setMetrics, state }: { metrics: MetricsSettings; setMetrics(m: MetricsSettings): void; state: AlertsSettingsView['metricsState'] }) {
  const { t } = useI18n();
  const [port, setPort] = useState(String(metrics.port));
  const [shownPort, setShownPort] = useState(metrics.port);
  if (metrics.port !== shownPort) {
    setShownPort(metrics.port);
    if (Number(port) !== metrics.port) setPort(String(metrics.port));
  }
  return (
    <section className="panel" aria-labelledby="alert-metrics-title" data-testid="alert-metrics">
      <h2 className="panel-title" id="alert-metrics-title">
        {t('alerts.metrics.title')}
      </h2>
      <p className="help">{t('alerts.metrics.help')}</p>
      <label className="field-inline">
        <input type="checkbox" checked={metrics.enabled} onChange={(e) => setMetrics({ ...metrics, enabled: e.target.checked })} data-testid="alert-metrics-enabled" />
        {t('alerts.metrics.enabled')}
      </label>
      <div className="alert-row">
        <label className="field grow">
          <span>{t('alerts.metrics.host')}</span>
          <input value={metrics.host} onChange={(e) => setMetrics({ ...metrics, host: e.target.value })} spellCheck={false} data-testid="alert-metrics-host" />
        </label>
        <label className="field">
          <span>{t('alerts.metrics.port')}</span>
          <input
            type="number"
            min={1}
            max={65535}
            value={port}
            onChange={(e) => {
              setPort(e.target.value);
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 65535) setMetrics({ ...metrics, port: n });
            }}
            data-testid="alert-metrics-port"
          />
        </label>
      </div>
      <label className="field-inline">
        <input type="checkbox" checked={metrics.allowNonLoopback} onChange={(e) => setMetrics({ ...metrics, allowNonLoopback: e.target.checked })} />
        {t('alerts.metrics.allowLan')}
      </label>
      <p className={state.state === 'failed' ? 'inline-error' : 'muted'} data-testid="alert-metrics-state" role="status">
        {state.state === 'running'
          ? t('alerts.metrics.running', { url: state.url ?? '' })
          : state.state === 'failed'
            ? t('alerts.metrics.failed', { error: state.error ?? '' })
            : t('alerts.metrics.off')}
      </p>
    </section>
  );
}

export function AlertSettingsPanel() {
  const { t } = useI18n();
  const api = useApi();
  const { push } = useToasts();
  const [saved, setSaved] = useState<AlertsSettingsView>();
  const [overview, setOverview] = useState<AlertsOverview>();
  const [draft, setDraft] = useState<AlertDraft>();
  const [metrics, setMetrics] = useState<MetricsSettings>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.request('alerts.settings.get', {}), api.request('alerts.overview', {})]).then(
      ([view, over]) => {
        if (cancelled) return;
        setSaved(view);
        setDraft(toDraft(view.alerts));
        setMetrics(view.metrics);
        setOverview(over);
      },
      (e: unknown) => !cancelled && setError(toRequestError(e).message),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);
  useEvent('alerts.delivery', (delivery) => setOverview((o) => (o ? { ...o, delivery } : o)));

  if (error) return <p className="inline-error" role="alert">{t('alerts.loadFailed', { message: error })}</p>;
  if (!saved || !draft || !overview || !metrics) return <Loading label={t('alerts.settings.loading')} />;

  const next = fromDraft(draft);
  const dirty = !sameSettings(next, saved.alerts) || !sameSettings(metrics, saved.metrics);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      const view = await api.request('alerts.settings.set', { alerts: next, metrics });
      setSaved(view);
      setDraft(toDraft(view.alerts));
      setMetrics(view.metrics);
      push('success', t('alerts.settings.saved'));
    } catch (err) {
      push('error', t('alerts.settings.saveFailed', { message: toRequestError(err).message }));
    } finally {
      setSaving(false);
    }
  };

  const protectionNote =
    overview.secretProtection === 'plain-file' ? t('alerts.secret.plainFile') : overview.secretProtection === 'memory' ? t('alerts.secret.memory') : undefined;

  return (
    <form className="stack alert-settings" onSubmit={(e) => void save(e)} data-testid="alert-settings" noValidate>
      <RulesSection rules={draft.settings.rules} onChange={(rules) => setDraft({ ...draft, settings: { ...draft.settings, rules } })} />
      <section className="panel" aria-labelledby="alert-channels-title">
        <h2 className="panel-title" id="alert-channels-title">
          {t('alerts.channels.title')}
        </h2>
        <p className="help">{t('alerts.channels.help')}</p>
        {protectionNote ? <p className="help">{protectionNote}</p> : null}
        <label className="field alert-severity-field">
          <span>{t('alerts.minSeverity')}</span>
          <select
            value={draft.settings.minSeverity}
            onChange={(e) => setDraft({ ...draft, settings: { ...draft.settings, minSeverity: e.target.value as AlertDraft['settings']['minSeverity'] } })}
            data-testid="alert-min-severity"
          >
            {(['critical', 'warning', 'info'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`alerts.severity.${s}`)}
              </option>
            ))}
          </select>
          <small className="help">{t('alerts.minSeverityHelp')}</small>
        </label>
        <div className="alert-channels">
          {CHANNELS.map((channel) => (
            <ChannelCard
              key={channel}
              channel={channel}
              draft={draft}
              setDraft={setDraft}
              overview={overview}
              setSecrets={(secretsSet) => setOverview({ ...overview, secretsSet })}
              dirty={dirty}
            />
          ))}
        </div>
      </section>
      <QuietHoursSection draft={draft} setDraft={setDraft} quiet={overview.quiet} />
      <MetricsSection metrics={metrics} setMetrics={setMetrics} state={saved.metricsState} />
      <div className="alert-save">
        <button type="submit" className="button button-primary" disabled={saving || !dirty} data-testid="alert-settings-save">
          {saving ? t('alerts.settings.saving') : t('alerts.settings.save')}
        </button>
      </div>
    </form>
  );
}
