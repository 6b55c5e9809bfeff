// The user's pools for USB mining: address, worker and password per pool,
// highest priority first. Saved passwords are never shown (the core does not
// return them): an empty field keeps the saved one.
import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_USB_POOLS, type UsbPool, type UsbPoolInput } from '../../../../electron/contract/usb.js';
import { toRequestError } from '../../api/errors.js';
import { Loading } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/context.js';
import { useToasts } from '../../state/toasts.js';
import { rowProblems, rowsFrom, toInput, type PoolRow } from '../../usb/pools-form.js';
import type { useUsbPools } from './useUsb.js';

function PoolFields({ row, index, showProblems, onChange, onRemove }: { row: PoolRow; index: number; showProblems: boolean; onChange(row: PoolRow): void; onRemove(): void }) {
  const { t } = useI18n();
  const id = useId();
  const problems = showProblems ? rowProblems(row) : [];
  return (
    <fieldset className="usb-pool-row" data-testid="usb-pool-row">
      <legend>{t('usb.pools.n', { n: index + 1 })}</legend>
      <label className="field grow" htmlFor={`${id}-url`}>
        {t('usb.pools.url')}
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('usb.pools.urlHelp')}
          value={row.url}
          onChange={(e) => onChange({ ...row, url: e.target.value })}
          aria-invalid={problems.includes('url') ? true : undefined}
          aria-describedby={problems.includes('url') ? `${id}-url-error` : undefined}
          data-testid="usb-pool-url"
        />
        {problems.includes('url') ? (
          <small id={`${id}-url-error`} className="field-error">
            {t('usb.pools.problem.url')}
          </small>
        ) : null}
      </label>
      <label className="field" htmlFor={`${id}-worker`}>
        {t('usb.pools.worker')}
        <input
          id={`${id}-worker`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={row.worker}
          onChange={(e) => onChange({ ...row, worker: e.target.value })}
          aria-invalid={problems.includes('worker') ? true : undefined}
          aria-describedby={problems.includes('worker') ? `${id}-worker-error` : undefined}
          data-testid="usb-pool-worker"
        />
        {problems.includes('worker') ? (
          <small id={`${id}-worker-error`} className="field-error">
            {t('usb.pools.problem.worker')}
          </small>
        ) : null}
      </label>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('usb.pools.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          placeholder={row.hasSavedPassword && !row.clearPassword ? t('usb.pools.passwordKept') : undefined}
          value={row.password}
          disabled={row.clearPassword}
          onChange={(e) => onChange({ ...row, password: e.target.value })}
          data-testid="usb-pool-password"
        />
        {row.hasSavedPassword ? (
          <span className="usb-check">
            <input
              id={`${id}-clear`}
              type="checkbox"
              checked={row.clearPassword}
              onChange={(e) => onChange({ ...row, clearPassword: e.target.checked, password: '' })}
            />
            <label htmlFor={`${id}-clear`}>{t('usb.pools.clearPassword')}</label>
          </span>
        ) : null}
      </div>
      <button type="button" className="button button-small button-danger-quiet usb-pool-remove" onClick={onRemove} aria-label={t('usb.pools.remove', { n: index + 1 })}>
        ✕
      </button>
    </fieldset>
  );
}

/** `pools` etc. come from the page's useUsbPools(), which also decides whether mining can start. */
export function UsbPoolsForm({ demo, pools, error, save }: { demo: boolean } & ReturnType<typeof useUsbPools>) {
  const { t } = useI18n();
  if (!pools) {
    return (
      <section className="panel" aria-labelledby="usb-pools-title">
        <h2 id="usb-pools-title" className="panel-title">
          {t('usb.pools.title')}
        </h2>
        {error ? (
          <p className="inline-error" role="alert">
            {t('usb.loadFailed', { message: error })}
          </p>
        ) : (
          <Loading label={t('usb.loading')} />
        )}
      </section>
    );
  }
  return <PoolsEditor initial={pools} save={save} demo={demo} />;
}

function PoolsEditor({ initial, save, demo }: { initial: readonly UsbPool[]; save(inputs: UsbPoolInput[]): Promise<UsbPool[]>; demo: boolean }) {
  const { t } = useI18n();
  const { push } = useToasts();
  const [rows, setRows] = useState<PoolRow[]>(() => rowsFrom(initial));
  const [showProblems, setShowProblems] = useState(false);
  const [saving, setSaving] = useState(false);
  const nextKey = useRef(initial.length);
  const addButton = useRef<HTMLButtonElement>(null);

  const invalid = rows.some((r) => rowProblems(r).length > 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid) {
      setShowProblems(true);
      return;
    }
    setSaving(true);
    try {
      const saved = await save(rows.map(toInput));
      setRows(rowsFrom(saved, nextKey.current));
      nextKey.current += saved.length;
      setShowProblems(false);
      push('success', t('usb.pools.saved'));
    } catch (e) {
      push('error', t('usb.pools.saveFailed', { message: toRequestError(e).message }));
    } finally {
      setSaving(false);
    }
  };
  const update = (index: number, row: PoolRow) => setRows(rows.map((r, i) => (i === index ? row : r)));
  const remove = (index: number) => {
    setRows(rows.filter((_, i) => i !== index));
    // The removed row's button is gone: keep focus in the form.
    addButton.current?.focus();
  };
  const add = () => {
    setRows([...rows, { key: nextKey.current++, url: '', worker: '', password: '', hasSavedPassword: false, clearPassword: false }]);
  };

  return (
    <section className="panel" aria-labelledby="usb-pools-title" data-testid="usb-pools">
      <div>
        <h2 id="usb-pools-title" className="panel-title">
          {t('usb.pools.title')}
        </h2>
        <p className="help">{t('usb.pools.help')}</p>
      </div>
      {demo ? <p className="banner banner-demo">{t('usb.pools.demoNote')}</p> : null}
      <form className="stack usb-pools-form" onSubmit={submit} noValidate>
        {rows.length === 0 ? <p className="muted">{t('usb.pools.none')}</p> : null}
        {rows.map((row, i) => (
          <PoolFields key={row.key} row={row} index={i} showProblems={showProblems} onChange={(r) => update(i, r)} onRemove={() => remove(i)} />
        ))}
        {showProblems && invalid ? (
          <p className="inline-error" role="alert">
            {t('usb.pools.hasProblems')}
          </p>
        ) : null}
        <div className="usb-form-actions">
          <button type="button" className="button" ref={addButton} onClick={add} disabled={rows.length >= MAX_USB_POOLS} data-testid="usb-pool-add">
            {t('usb.pools.add')}
          </button>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="usb-pools-save">
            {saving ? t('action.saving') : t('usb.pools.save')}
          </button>
        </div>
        <p className="help">{t('usb.pools.secretNote')}</p>
      </form>
    </section>
  );
}
