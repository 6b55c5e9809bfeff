// "Add by address": checked against the contract's own schema before sending,
// with each problem shown under its field.
import { useState, type FormEvent } from 'react';
import { toRequestError } from '../../api/errors.js';
import { DEFAULT_API_PORT, deviceAddress } from '../../fleet/derive.js';
import { useI18n } from '../../i18n/context.js';
import type { PlainMessageKey } from '../../i18n/messages.js';
import { validateAddForm, type AddFormField as Field } from './validate.js';
import { useApi } from '../../state/api.js';
import { useFleet } from '../../state/fleet.js';
import { useToasts } from '../../state/toasts.js';

export function AddDeviceForm() {
  const api = useApi();
  const { t } = useI18n();
  const { push } = useToasts();
  const fleet = useFleet();
  const [values, setValues] = useState<Record<Field, string>>({ host: '', port: String(DEFAULT_API_PORT), nickname: '', location: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, PlainMessageKey>>>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateAddForm(values);
    setErrors(checked.errors);
    setFormError(undefined);
    if (!checked.params) return;
    setSaving(true);
    try {
      const record = await api.request('device.add', checked.params);
      push('success', t('add.done', { address: deviceAddress(record) }));
      setValues({ host: '', port: String(DEFAULT_API_PORT), nickname: '', location: '' });
      fleet.reload();
    } catch (e) {
      setFormError(toRequestError(e).message);
    } finally {
      setSaving(false);
    }
  };

  const field = (name: Field, label: string, props: { inputMode?: 'numeric'; placeholder?: string; required?: boolean } = {}) => (
    <label className={`field field-${name}`}>
      <span>
        {label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </span>
      <input
        name={name}
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `add-${name}-error` : undefined}
        aria-required={props.required}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        spellCheck={false}
        data-testid={`add-${name}`}
      />
      {errors[name] ? (
        <small id={`add-${name}-error`} className="field-error" data-testid={`add-${name}-error`}>
          {t(errors[name])}
        </small>
      ) : null}
    </label>
  );

  return (
    <section className="panel" aria-labelledby="add-title">
      <h2 className="panel-title" id="add-title">
        {t('add.title')}
      </h2>
      <form className="add-form" onSubmit={submit} noValidate>
        {field('host', t('add.host'), { placeholder: '192.168.1.50', required: true })}
        {field('port', t('add.port'), { inputMode: 'numeric' })}
        {field('nickname', t('add.nickname'), { placeholder: t('add.optional') })}
        {field('location', t('add.location'), { placeholder: t('add.optional') })}
        <div className="add-submit">
          <button type="submit" className="button button-primary" disabled={saving} data-testid="add-submit">
            {saving ? t('add.adding') : t('add.submit')}
          </button>
        </div>
      </form>
      {formError ? (
        <p className="inline-error" role="alert" data-testid="add-error">
          {formError}
        </p>
      ) : null}
    </section>
  );
}
