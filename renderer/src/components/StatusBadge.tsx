// Status as a word with a shape, never colour alone.
import type { DeviceStatus } from '../../../electron/contract/fleet.js';
import type { AlertKind } from '../fleet/derive.js';
import { useI18n } from '../i18n/context.js';

export function StatusBadge({ status }: { status: DeviceStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge" data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </span>
  );
}

/** Hot / fault markers; offline and stale are already said by the status badge. */
export function AlertTags({ alerts }: { alerts: readonly AlertKind[] }) {
  const { t } = useI18n();
  const shown = alerts.filter((a) => a === 'hot' || a === 'fault');
  if (!shown.length) return null;
  return (
    <>
      {shown.map((a) => (
        <span key={a} className={`tag tag-${a}`}>
          {t(`alert.${a}`)}
        </span>
      ))}
    </>
  );
}
