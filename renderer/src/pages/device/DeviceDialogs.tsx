// Changing the saved record: nickname and location (device.update), removal (device.remove).
import { useState, type FormEvent } from 'react';
import type { DeviceRecord } from '../../../../electron/contract/fleet.js';
import { toRequestError } from '../../api/errors.js';
import { Dialog } from '../../components/Dialog.js';
import { useI18n } from '../../i18n/context.js';
import { useApi } from '../../state/api.js';

export const LABEL_MAX = 64;

export function EditDeviceDialog({ record, open, onClose, onSaved }: { record: DeviceRecord; open: boolean; onClose(): void; onSaved(record: DeviceRecord): void }) {
  const api = useApi();
  const { t } = useI18n();
  const [nickname, setNickname] = useState(record.nickname ?? '');
  const [location, setLocation] = useState(record.location ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await api.request('device.update', { id: record.id, nickname: nickname.trim(), location: location.trim() }));
    } catch (e) {
      setError(toRequestError(e).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} title={t('edit.title')} onClose={onClose} testId="edit-dialog">
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span>{t('edit.nickname')}</span>
          <input value={nickname} maxLength={LABEL_MAX} onChange={(e) => setNickname(e.target.value)} placeholder={record.host} data-testid="edit-nickname" />
        </label>
        <label className="field">
          <span>{t('edit.location')}</span>
          <input value={location} maxLength={LABEL_MAX} onChange={(e) => setLocation(e.target.value)} placeholder={t('edit.locationPlaceholder')} />
        </label>
        {error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={saving} data-testid="edit-save">
            {saving ? t('action.saving') : t('action.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RemoveDeviceDialog({ record, name, open, onClose, onRemoved }: { record: DeviceRecord; name: string; open: boolean; onClose(): void; onRemoved(): void }) {
  const api = useApi();
  const { t } = useI18n();
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string>();

  const remove = async () => {
    setRemoving(true);
    setError(undefined);
    try {
      await api.request('device.remove', { id: record.id });
      onRemoved();
    } catch (e) {
      setError(toRequestError(e).message);
      setRemoving(false);
    }
  };

  return (
    <Dialog open={open} title={t('remove.title', { name })} onClose={onClose} testId="remove-dialog">
      <p>{t('remove.body')}</p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('action.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={remove} disabled={removing} data-testid="remove-confirm">
          {removing ? t('remove.removing') : t('remove.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
