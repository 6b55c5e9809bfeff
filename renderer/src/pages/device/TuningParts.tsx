// Pieces the tuning panel and the fleet's batch change share: the value
// input of one control, the confirmation dialog that names the device(s) and
// the effect, and the view of a change's result.
import { useId, useState } from 'react';
import type { ChangeResult, ControlInfo } from '../../../../electron/contract/tuning.js';
import { Dialog } from '../../components/Dialog.js';
import { useI18n } from '../../i18n/context.js';
import { coreText } from '../../i18n/core-text.js';
import { controlName, resultHeadline, valueText } from '../../tuning/logic.js';
import '../../styles/tuning.css';

/** The input for one control's value, as text ('auto', 'on', '2', ...); actions have none. */
export function ValueInput({ info, value, onChange, testId }: { info: ControlInfo; value: string; onChange(value: string): void; testId?: string }) {
  const { t } = useI18n();
  const label = t('tuning.value.label', { control: controlName(t, info.control) });
  const [custom, setCustom] = useState(value !== 'auto');
  switch (info.input) {
    case 'action':
      return null;
    case 'choice':
      return (
        <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {info.choices?.map((c) => (
            <option key={c.value} value={String(c.value)}>
              {valueText(t, info, c.value)}
            </option>
          ))}
        </select>
      );
    case 'on-off':
      return (
        <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          <option value="on">{t('tuning.value.on')}</option>
          <option value="off">{t('tuning.value.off')}</option>
        </select>
      );
    case 'percent-or-auto':
      return (
        <span className="tuning-value">
          <select
            aria-label={label}
            value={custom ? 'custom' : 'auto'}
            onChange={(e) => {
              const isCustom = e.target.value === 'custom';
              setCustom(isCustom);
              onChange(isCustom ? String(info.range?.max ?? '') : 'auto');
            }}
            data-testid={testId === undefined ? undefined : `${testId}-mode`}
          >
            <option value="auto">{t('tuning.value.auto')}</option>
            <option value="custom">{info.unit ?? '#'}</option>
          </select>
          {custom ? <NumberInput info={info} label={label} value={value} onChange={onChange} {...(testId === undefined ? {} : { testId })} /> : null}
        </span>
      );
    case 'number':
      return <NumberInput info={info} label={label} value={value} onChange={onChange} {...(testId === undefined ? {} : { testId })} />;
  }
}

function NumberInput({ info, label, value, onChange, testId }: { info: ControlInfo; label: string; value: string; onChange(v: string): void; testId?: string }) {
  return (
    <span className="input-with-unit">
      <input
        type="number"
        inputMode="numeric"
        aria-label={label}
        value={value}
        step={info.range?.step ?? 1}
        {...(info.range === undefined ? {} : { min: info.range.min, max: info.range.max })}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {info.unit ? <span className="muted">{info.unit}</span> : null}
    </span>
  );
}

/** The initial text of a control's input: its current value where that is a valid input, else the first choice or the range's low end. */
export function initialValue(info: ControlInfo, current: unknown): string {
  if (info.input === 'on-off') return current === 'on' ? 'off' : 'on';
  if (info.input === 'percent-or-auto') return typeof current === 'number' ? String(current) : 'auto';
  if (typeof current === 'number') return String(current);
  if (info.choices?.[0] !== undefined) return String(info.choices[0].value);
  return info.range === undefined ? '' : String(info.range.min);
}

export interface PendingChange {
  /** "Work mode → Eco (0)" */
  change: string;
  effect: string;
  interrupts: boolean;
}

/** Asks before a change is sent: names the device (or how many) and what the change does. */
export function ConfirmChangeDialog({
  pending,
  device,
  model,
  count,
  onConfirm,
  onCancel,
}: {
  pending: PendingChange;
  device?: string;
  model?: string;
  count?: number;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const title = t('tuning.confirm.title', { device: device ?? t('tuning.batch.title', { count: count ?? 0 }) });
  return (
    <Dialog open title={title} onClose={onCancel} testId="tuning-confirm">
      <p data-testid="tuning-confirm-body">
        {count === undefined
          ? t('tuning.confirm.body', { change: pending.change, device: device ?? '', model: model ?? '' })
          : t('tuning.confirm.batch', { change: pending.change, count })}
      </p>
      <p>{t('tuning.confirm.effect', { effect: pending.effect })}</p>
      {pending.interrupts ? <p className="tuning-warn">{t('tuning.confirm.interrupts')}</p> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {t('action.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={onConfirm} data-testid="tuning-confirm-go">
          {t('tuning.confirm.go')}
        </button>
      </div>
    </Dialog>
  );
}

/** What happened: the status in words, the device's own message, the fix for access denied, before and after. */
export function ChangeResultView({ result, info, testId }: { result: ChangeResult; info?: ControlInfo; testId?: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const head = resultHeadline(t, result);
  return (
    <div className={`tuning-result tuning-result-${head.tone}`} data-testid={testId} data-status={result.status} aria-labelledby={id}>
      <strong id={id}>{head.text}</strong> <span>{coreText(language, result.text, result.message)}</span>
      {result.deviceMessage && result.status !== 'applied' ? <div className="mono small">{t('tuning.result.deviceSaid', { message: result.deviceMessage })}</div> : null}
      {result.status === 'access-denied' ? <div className="small">{t('tuning.result.accessFix')}</div> : null}
      {result.before !== undefined || result.after !== undefined ? (
        <div className="small muted">{t('tuning.result.beforeAfter', { before: valueText(t, info, result.before), after: valueText(t, info, result.after) })}</div>
      ) : null}
    </div>
  );
}
