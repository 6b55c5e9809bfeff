// The fleet table's batch change: choose a setting and a value for the
// selected devices, confirm (naming how many devices and the effect), then
// follow each device's progress and result; devices without the setting are
// skipped with the reason.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FleetDevice } from '../../../../electron/contract/fleet.js';
import type { BatchProgressEvent, ChangeRequest, ChangeResult, ControlInfo, DeviceControls, TunableControl } from '../../../../electron/contract/tuning.js';
import { toRequestError } from '../../api/errors.js';
import { Dialog } from '../../components/Dialog.js';
import { Loading } from '../../components/EmptyState.js';
import { deviceName } from '../../fleet/derive.js';
import { useI18n } from '../../i18n/context.js';
import { coreText } from '../../i18n/core-text.js';
import { useApi, useEvent } from '../../state/api.js';
import { controlName, effectText, parseValue, requestText, resultHeadline } from '../../tuning/logic.js';
import { initialValue, ValueInput } from '../device/TuningParts.js';

type Row = { phase: 'waiting' | 'running' | 'done'; result?: ChangeResult };

/** The selection checkbox in a fleet row's name cell (the row's own click opens the device). */
export function RowSelect({ id, name, selected, onChange }: { id: string; name: string; selected: readonly string[]; onChange(next: readonly string[]): void }) {
  const { t } = useI18n();
  return (
    <input
      type="checkbox"
      className="row-select"
      aria-label={t('tuning.batch.selectRow', { name })}
      checked={selected.includes(id)}
      onChange={(e) => onChange(e.target.checked ? [...selected, id] : selected.filter((x) => x !== id))}
      data-testid="fleet-select"
    />
  );
}

/** Select-all for the shown rows, and, once rows are selected, the batch change. */
export function BatchBar({
  selected,
  visible,
  devices,
  onChange,
}: {
  selected: readonly string[];
  visible: readonly string[];
  devices: readonly FleetDevice[];
  onChange(next: readonly string[]): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const allShown = visible.length > 0 && visible.every((id) => selected.includes(id));
  return (
    <div className="tuning-batch-bar" data-testid="batch-bar">
      <label className="field-inline">
        <input type="checkbox" checked={allShown} onChange={(e) => onChange(e.target.checked ? [...visible] : [])} data-testid="fleet-select-all" />
        <span>{t('tuning.batch.selectAll')}</span>
      </label>
      {selected.length > 0 ? (
        <>
          <span aria-live="polite">{t('tuning.batch.selected', { count: selected.length })}</span>
          <button type="button" className="button button-small button-primary" onClick={() => setOpen(true)} data-testid="batch-open">
            {t('tuning.batch.open')}
          </button>
          <button type="button" className="button button-small" onClick={() => onChange([])}>
            {t('tuning.batch.clear')}
          </button>
        </>
      ) : null}
      {open ? <BatchDialog ids={selected} devices={devices} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

function BatchDialog({ ids, devices, onClose }: { ids: readonly string[]; devices: readonly FleetDevice[]; onClose(): void }) {
  const api = useApi();
  const { t, language } = useI18n();
  const [controls, setControls] = useState<Map<string, DeviceControls>>();
  const [loadError, setLoadError] = useState<string>();
  const [control, setControl] = useState<TunableControl>();
  const [text, setText] = useState('');
  const [step, setStep] = useState<'choose' | 'confirm' | 'running'>('choose');
  const [rows, setRows] = useState<Map<string, Row>>(new Map());
  const [done, setDone] = useState(0);
  const [error, setError] = useState<string>();
  const batchId = useRef<string | undefined>(undefined);
  const early = useRef<BatchProgressEvent[]>([]);

  const names = useMemo(() => new Map(devices.map((d) => [d.record.id, deviceName(d.record)])), [devices]);

  // The selection is fixed while the dialog is open: its controls are loaded once.
  useEffect(() => {
    let live = true;
    Promise.all(ids.map((id) => api.request('tuning.controls', { id }).then((c) => [id, c] as const))).then(
      (list) => {
        if (!live) return;
        const map = new Map(list);
        setControls(map);
        const first = [...map.values()].flatMap((c) => c.controls)[0];
        if (first) {
          setControl(first.control);
          setText(initialValue(first, undefined));
        }
      },
      (e: unknown) => live && setLoadError(toRequestError(e).message),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const offered = useMemo(() => {
    const byControl = new Map<TunableControl, { info: ControlInfo; count: number }>();
    for (const c of controls?.values() ?? []) {
      for (const info of c.controls) {
        const entry = byControl.get(info.control);
        byControl.set(info.control, { info: entry?.info ?? info, count: (entry?.count ?? 0) + 1 });
      }
    }
    return byControl;
  }, [controls]);

  const apply = (p: BatchProgressEvent) =>
    setRows((prev) => {
      const next = new Map(prev);
      next.set(p.deviceId, p.phase === 'done' ? { phase: 'done', ...(p.result ? { result: p.result } : {}) } : { phase: 'running' });
      setDone(p.done);
      return next;
    });

  useEvent('tuning.batchProgress', (p) => {
    if (batchId.current === undefined) early.current.push(p);
    else if (p.batchId === batchId.current) apply(p);
  });

  const chosen = control === undefined ? undefined : offered.get(control);
  const value = chosen === undefined ? undefined : parseValue(chosen.info, text);
  const request: ChangeRequest | undefined = chosen === undefined || value === undefined ? undefined : { kind: 'control', control: chosen.info.control, value };

  const start = async () => {
    if (request === undefined) return;
    setStep('running');
    setRows(new Map(ids.map((id) => [id, { phase: 'waiting' }])));
    try {
      // This dialog's confirmation step is the user's confirmation for every device.
      const { batchId: id } = await api.request('tuning.batch', { ids: [...ids], request: { ...request, confirmed: true } });
      batchId.current = id;
      for (const p of early.current) if (p.batchId === id) apply(p);
      early.current = [];
    } catch (e) {
      setError(t('tuning.batch.failed', { message: toRequestError(e).message }));
    }
  };

  return (
    <Dialog open title={t('tuning.batch.title', { count: ids.length })} onClose={onClose} testId="batch-dialog">
      {loadError ? <p className="inline-error">{loadError}</p> : null}
      {!controls && !loadError ? <Loading label={t('tuning.loading')} /> : null}
      {controls && step === 'choose' ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (request) setStep('confirm');
          }}
        >
          <label className="field">
            <span>{t('tuning.batch.control')}</span>
            <select
              value={control ?? ''}
              data-testid="batch-control"
              onChange={(e) => {
                const next = offered.get(e.target.value as TunableControl);
                if (!next) return;
                setControl(next.info.control);
                setText(initialValue(next.info, undefined));
              }}
            >
              {[...offered.values()].map(({ info }) => (
                <option key={info.control} value={info.control}>
                  {controlName(t, info.control)}
                </option>
              ))}
            </select>
          </label>
          {chosen && chosen.info.input !== 'action' ? (
            <div className="field">
              <span>{t('tuning.batch.value')}</span>
              <ValueInput key={chosen.info.control} info={chosen.info} value={text} onChange={setText} testId="batch-value" />
            </div>
          ) : null}
          {chosen ? <p className="muted small">{t('tuning.batch.offeredBy', { count: chosen.count })}</p> : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={request === undefined} data-testid="batch-review">
              {t('tuning.batch.start')}
            </button>
          </div>
        </form>
      ) : null}
      {step === 'confirm' && request && chosen ? (
        <div data-testid="batch-confirm">
          <p>{t('tuning.confirm.batch', { change: requestText(t, request, chosen.info), count: ids.length })}</p>
          <p>{t('tuning.confirm.effect', { effect: effectText(t, language, chosen.info) })}</p>
          {chosen.info.interrupts ? <p className="tuning-warn">{t('tuning.confirm.interrupts')}</p> : null}
          <p className="small muted">{ids.map((id) => names.get(id) ?? id).join(', ')}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setStep('choose')} autoFocus>
              {t('action.cancel')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void start()} data-testid="batch-confirm-go">
              {t('tuning.confirm.go')}
            </button>
          </div>
        </div>
      ) : null}
      {step === 'running' ? (
        <div>
          <p aria-live="polite" data-testid="batch-progress">
            {t('tuning.batch.progress', { done, total: ids.length })}
          </p>
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="data-table" data-testid="batch-results">
              <caption className="visually-hidden">{t('tuning.batch.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('tuning.batch.col.device')}</th>
                  <th scope="col">{t('tuning.batch.col.status')}</th>
                  <th scope="col">{t('tuning.batch.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {ids.map((id) => {
                  const row = rows.get(id) ?? { phase: 'waiting' };
                  const head = row.result ? resultHeadline(t, row.result) : undefined;
                  return (
                    <tr key={id} data-testid="batch-row" data-status={row.result?.status ?? row.phase}>
                      <td>{names.get(id) ?? id}</td>
                      <td className={head ? `tuning-text-${head.tone}` : undefined}>{head ? head.text : t(row.phase === 'running' ? 'tuning.status.running' : 'tuning.status.waiting')}</td>
                      <td className="small">
                        {row.result ? coreText(language, row.result.text, row.result.message) : null}
                        {row.result?.deviceMessage && row.result.status !== 'applied' ? <div className="mono">{row.result.deviceMessage}</div> : null}
                        {row.result?.status === 'access-denied' ? <div>{t('tuning.result.accessFix')}</div> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose} data-testid="batch-close">
              {t('tuning.batch.close')}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
