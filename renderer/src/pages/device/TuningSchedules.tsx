// Weekly schedules that drive this device, the next scheduled change, and an
// editor: rules of days, a time of day and what to set (work mode or level,
// soft off / on), in a time zone.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { FleetDevice } from '../../../../electron/contract/fleet.js';
import type { ControlInfo, NextChange, Schedule, ScheduleRule } from '../../../../electron/contract/tuning.js';
import { toRequestError } from '../../api/errors.js';
import { useI18n } from '../../i18n/context.js';
import { useApi } from '../../state/api.js';
import { useToasts } from '../../state/toasts.js';
import { actionFromKey, actionKey, actionText, daysText, newSchedule, scheduleActions } from '../../tuning/logic.js';

const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function scheduleId(): string {
  return `s-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function TuningSchedules({
  device,
  controls,
  nextChange,
  onSaved,
}: {
  device: FleetDevice;
  controls: readonly ControlInfo[];
  nextChange: NextChange | undefined;
  onSaved(): void;
}) {
  const api = useApi();
  const { t, fmt } = useI18n();
  const { push } = useToasts();
  const id = device.record.id;
  const [schedules, setSchedules] = useState<Schedule[]>();
  const [editing, setEditing] = useState<Schedule>();
  const [error, setError] = useState<string>();
  const actions = useMemo(() => scheduleActions(controls), [controls]);

  const load = useCallback(() => {
    api.request('schedules.list', {}).then(
      (all) => setSchedules(all.filter((s) => s.deviceIds.includes(id))),
      (e: unknown) => setError(toRequestError(e).message),
    );
  }, [api, id]);
  useEffect(load, [load]);

  const remove = async (schedule: Schedule) => {
    try {
      await api.request('schedules.remove', { id: schedule.id });
      push('success', t('tuning.schedule.removed'));
      load();
      onSaved();
    } catch (e) {
      setError(toRequestError(e).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="tuning-schedule-title" data-testid="tuning-schedules">
      <h2 id="tuning-schedule-title" className="panel-title">
        {t('tuning.schedule.title')}
      </h2>
      <p className="muted small">{t('tuning.schedule.help')}</p>
      <p data-testid="tuning-next-change">
        {nextChange
          ? t('tuning.schedule.next', { action: actionText(t, nextChange.action, controls), when: fmt.dateTime(nextChange.at) })
          : t('tuning.schedule.noNext')}
      </p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {schedules && schedules.length === 0 ? <p className="muted">{t('tuning.schedule.none')}</p> : null}
      <ul className="tuning-schedules">
        {schedules?.map((s) => (
          <li key={s.id} data-testid="tuning-schedule">
            <strong>{s.name || s.id}</strong> {s.enabled ? null : <span className="tag">{t('tuning.schedule.enabled')}: ✗</span>} <span className="muted small">{s.timeZone}</span>
            {s.deviceIds.length > 1 ? <span className="muted small"> · {t('tuning.schedule.group', { count: s.deviceIds.length - 1 })}</span> : null}
            <ul className="small">
              {s.rules.map((r, i) => (
                <li key={i}>{t('tuning.schedule.summary', { days: daysText(t, r.days), at: r.at, action: actionText(t, r.action, controls) })}</li>
              ))}
            </ul>
            <button type="button" className="button button-small" onClick={() => setEditing(s)}>
              {t('tuning.schedule.edit')}
            </button>{' '}
            <button type="button" className="button button-small button-danger-quiet" onClick={() => void remove(s)}>
              {t('tuning.schedule.remove')}
            </button>
          </li>
        ))}
      </ul>
      {actions.length === 0 ? (
        <p className="muted small">{t('tuning.schedule.noActions')}</p>
      ) : editing ? (
        <ScheduleEditor
          key={editing.id}
          initial={editing}
          controls={controls}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            push('success', t('tuning.schedule.saved'));
            load();
            onSaved();
          }}
        />
      ) : (
        <button type="button" className="button" data-testid="tuning-schedule-add" onClick={() => setEditing(newSchedule(scheduleId(), id, localTimeZone(), actions))}>
          {t('tuning.schedule.add')}
        </button>
      )}
    </section>
  );
}

function ScheduleEditor({ initial, controls, onCancel, onSaved }: { initial: Schedule; controls: readonly ControlInfo[]; onCancel(): void; onSaved(): void }) {
  const api = useApi();
  const { t } = useI18n();
  const [schedule, setSchedule] = useState(initial);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const actions = useMemo(() => scheduleActions(controls), [controls]);

  const setRule = (index: number, patch: Partial<ScheduleRule>) =>
    setSchedule((s) => ({ ...s, rules: s.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await api.request('schedules.put', { schedule });
      onSaved();
    } catch (err) {
      setError(toRequestError(err).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form tuning-schedule-editor" onSubmit={save} data-testid="tuning-schedule-editor">
      <label className="field">
        <span>{t('tuning.schedule.name')}</span>
        <input value={schedule.name} maxLength={64} onChange={(e) => setSchedule({ ...schedule, name: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('tuning.schedule.timeZone')}</span>
        <input value={schedule.timeZone} onChange={(e) => setSchedule({ ...schedule, timeZone: e.target.value })} spellCheck={false} />
      </label>
      <label className="field-inline">
        <input type="checkbox" checked={schedule.enabled} onChange={(e) => setSchedule({ ...schedule, enabled: e.target.checked })} />
        <span>{t('tuning.schedule.enabled')}</span>
      </label>
      <fieldset className="tuning-rules">
        <legend>{t('tuning.schedule.rules')}</legend>
        {schedule.rules.map((rule, i) => (
          <fieldset key={i} className="tuning-rule" data-testid="tuning-rule">
            <legend>{t('tuning.schedule.rule', { n: i + 1 })}</legend>
            <div className="tuning-days" role="group" aria-label={t('tuning.schedule.days')}>
              {DAYS.map((d) => (
                <label key={d} className="tuning-day">
                  <input
                    type="checkbox"
                    checked={rule.days.includes(d)}
                    onChange={(e) => {
                      const days = e.target.checked ? [...rule.days, d] : rule.days.filter((x) => x !== d);
                      if (days.length > 0) setRule(i, { days: [...new Set(days)].sort((a, b) => a - b) });
                    }}
                  />
                  {t(`tuning.day.${d}`)}
                </label>
              ))}
            </div>
            <label className="field-inline">
              <span>{t('tuning.schedule.at')}</span>
              <input type="time" value={rule.at} required onChange={(e) => setRule(i, { at: e.target.value })} />
            </label>
            <label className="field-inline">
              <span>{t('tuning.schedule.action')}</span>
              <select
                value={actionKey(rule.action)}
                onChange={(e) => {
                  const action = actionFromKey(e.target.value);
                  if (action) setRule(i, { action });
                }}
              >
                {actions.map((a) => (
                  <option key={actionKey(a)} value={actionKey(a)}>
                    {actionText(t, a, controls)}
                  </option>
                ))}
              </select>
            </label>
            {schedule.rules.length > 1 ? (
              <button type="button" className="button button-small button-danger-quiet" onClick={() => setSchedule((s) => ({ ...s, rules: s.rules.filter((_, j) => j !== i) }))}>
                {t('tuning.schedule.removeRule')}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button
          type="button"
          className="button button-small"
          disabled={schedule.rules.length >= 64 || actions[0] === undefined}
          onClick={() => {
            const first = actions[0];
            if (first) setSchedule((s) => ({ ...s, rules: [...s.rules, { days: [1, 2, 3, 4, 5], at: '12:00', action: first }] }));
          }}
        >
          {t('tuning.schedule.addRule')}
        </button>
      </fieldset>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="tuning-schedule-save">
          {saving ? t('action.saving') : t('tuning.schedule.save')}
        </button>
      </div>
    </form>
  );
}
