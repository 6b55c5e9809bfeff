// The device page's tuning tab: each control the model has, with its current
// value and range; confirmation for what interrupts mining; the result of the
// last change; pools, schedules and the change log of this device.
import { useCallback, useEffect, useState } from 'react';
import type { FleetDevice } from '../../../../electron/contract/fleet.js';
import type { ChangeRequest, ChangeResult, ControlInfo, DeviceControls } from '../../../../electron/contract/tuning.js';
import { toRequestError } from '../../api/errors.js';
import { EmptyState, Loading } from '../../components/EmptyState.js';
import { deviceName, modelName } from '../../fleet/derive.js';
import { useI18n } from '../../i18n/context.js';
import { useApi } from '../../state/api.js';
import { controlName, effectText, parseValue, rangeText, requestText, valueText } from '../../tuning/logic.js';
import { TuningAudit } from './TuningAudit.js';
import { ChangeResultView, ConfirmChangeDialog, initialValue, ValueInput, type PendingChange } from './TuningParts.js';
import { TuningPools } from './TuningPools.js';
import { TuningSchedules } from './TuningSchedules.js';

/** Sends changes for one device: confirmation first when needed, then the result. */
export function useChangeSender(device: FleetDevice, onDone: () => void) {
  const api = useApi();
  const [pending, setPending] = useState<{ request: ChangeRequest; change: PendingChange; info?: ControlInfo }>();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<{ result: ChangeResult; info?: ControlInfo }>();
  const [error, setError] = useState<string>();

  const send = async (request: ChangeRequest, info?: ControlInfo) => {
    setPending(undefined);
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.request('tuning.apply', { id: device.record.id, request });
      setLast(info === undefined ? { result } : { result, info });
    } catch (e) {
      setError(toRequestError(e).message);
    } finally {
      setBusy(false);
      onDone();
    }
  };

  const start = (request: ChangeRequest, change: PendingChange, info?: ControlInfo) => {
    if (change.interrupts) setPending(info === undefined ? { request, change } : { request, change, info });
    else void send(request, info);
  };

  const dialog = pending ? (
    <ConfirmChangeDialog
      pending={pending.change}
      device={deviceName(device.record)}
      model={modelName(device.snapshot) ?? ''}
      onCancel={() => setPending(undefined)}
      onConfirm={() => void send({ ...pending.request, confirmed: true }, pending.info)}
    />
  ) : null;

  return { start, busy, last, error, dialog };
}

export function TuningPanel({ device }: { device: FleetDevice }) {
  const api = useApi();
  const { t } = useI18n();
  const id = device.record.id;
  const [controls, setControls] = useState<DeviceControls>();
  const [loadError, setLoadError] = useState<string>();
  const [auditVersion, setAuditVersion] = useState(0);

  const load = useCallback(() => {
    api.request('tuning.controls', { id }).then(
      (c) => {
        setControls(c);
        setLoadError(undefined);
      },
      (e: unknown) => setLoadError(toRequestError(e).message),
    );
  }, [api, id]);
  // Current values follow the device's polls.
  useEffect(load, [load, device.lastSuccessAt]);

  const sender = useChangeSender(device, () => {
    load();
    setAuditVersion((v) => v + 1);
  });

  if (!controls) return loadError ? <EmptyState title={t('tuning.loadFailed', { message: loadError })} /> : <Loading label={t('tuning.loading')} />;

  return (
    <div className="tuning" data-testid="tuning-panel">
      <section className="panel" aria-labelledby="tuning-controls-title">
        <h2 id="tuning-controls-title" className="panel-title">
          {t('tuning.controls.title')}
        </h2>
        {controls.controls.length === 0 ? (
          <p className="muted">{controls.modelId === 'unknown' ? t('tuning.noneUnknown') : t('tuning.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table tuning-table" data-testid="tuning-controls">
              <caption className="visually-hidden">{t('tuning.controls.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('tuning.col.setting')}</th>
                  <th scope="col">{t('tuning.col.current')}</th>
                  <th scope="col">{t('tuning.col.range')}</th>
                  <th scope="col">{t('tuning.col.change')}</th>
                </tr>
              </thead>
              <tbody>
                {controls.controls.map((info) => (
                  <ControlRow key={info.control} info={info} current={controls.current[info.control]} busy={sender.busy} onApply={sender.start} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div aria-live="polite" className="tuning-live">
          {sender.busy ? (
            <p className="muted" data-testid="tuning-busy">
              <span className="spinner" aria-hidden="true" /> {t('tuning.applying')}
            </p>
          ) : null}
          {!sender.busy && sender.last ? <ChangeResultView result={sender.last.result} {...(sender.last.info ? { info: sender.last.info } : {})} testId="tuning-result" /> : null}
          {!sender.busy && sender.error ? (
            <p className="inline-error" role="alert">
              {sender.error}
            </p>
          ) : null}
        </div>
      </section>

      <TuningPools device={device} poolOps={controls.poolOps} busy={sender.busy} onChange={sender.start} />
      <TuningSchedules device={device} controls={controls.controls} nextChange={controls.nextChange} onSaved={load} />
      <TuningAudit deviceId={id} version={auditVersion} />
      {sender.dialog}
    </div>
  );
}

/** Actions show nothing, except soft off / on: whether the device is hashing or in standby. */
function CurrentValue({ info, current }: { info: ControlInfo; current: DeviceControls['current'][string] | undefined }) {
  const { t } = useI18n();
  if (info.control === 'softoff' || info.control === 'softon') {
    return current === undefined ? null : <>{current === 'off' ? t('tuning.state.standby') : t('tuning.state.hashing')}</>;
  }
  if (info.input === 'action') return null;
  return current === undefined ? <span className="muted">{t('tuning.notShown')}</span> : <>{valueText(t, info, current)}</>;
}

function ControlRow({
  info,
  current,
  busy,
  onApply,
}: {
  info: ControlInfo;
  current: DeviceControls['current'][string] | undefined;
  busy: boolean;
  onApply(request: ChangeRequest, change: PendingChange, info: ControlInfo): void;
}) {
  const { t, language } = useI18n();
  const [text, setText] = useState(() => initialValue(info, current));
  const value = parseValue(info, text);
  const name = controlName(t, info.control);
  const apply = () => {
    if (value === undefined) return;
    const request: ChangeRequest = { kind: 'control', control: info.control, value };
    onApply(request, { change: requestText(t, request, info), effect: effectText(t, language, info), interrupts: info.interrupts }, info);
  };
  return (
    <tr data-testid={`tuning-row-${info.control}`}>
      <th scope="row">
        {name}
        {info.expert ? <span className="tag">{t('tuning.expert')}</span> : null}
        {info.interrupts ? <span className="tag tag-hot">{t('tuning.interrupts')}</span> : null}
        {info.takesEffect === 'after-reboot' ? <span className="tag">{t('tuning.afterReboot')}</span> : null}
      </th>
      <td data-testid={`tuning-current-${info.control}`}>
        <CurrentValue info={info} current={current} />
      </td>
      <td className="small">{rangeText(t, info)}</td>
      <td>
        <form
          className="tuning-change"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <ValueInput info={info} value={text} onChange={setText} testId={`tuning-input-${info.control}`} />
          <button type="submit" className="button button-small" disabled={busy || value === undefined} data-testid={`tuning-apply-${info.control}`}>
            {info.input === 'action' ? t('tuning.run') : t('tuning.apply')}
          </button>
          {value === undefined && text !== '' ? <span className="field-error">{t('tuning.value.invalid')}</span> : null}
        </form>
      </td>
    </tr>
  );
}
