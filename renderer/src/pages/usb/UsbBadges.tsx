// A stick's state and its pool's state as words with a shape (never colour alone).
import type { UsbPoolConnection, UsbStickState } from '../../../../electron/contract/usb.js';
import { useI18n } from '../../i18n/context.js';

export function UsbStateBadge({ state }: { state: UsbStickState }) {
  const { t } = useI18n();
  return (
    <span className={`badge usb-badge usb-badge-${state}`} data-testid="usb-state" data-state={state}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`usb.state.${state}`)}
    </span>
  );
}

export function PoolState({ pool }: { pool: UsbPoolConnection }) {
  const { t } = useI18n();
  return (
    <span className={`usb-pool-state usb-pool-${pool.state}`} data-testid="usb-pool-state" data-state={pool.state}>
      <span className="usb-pool-dot" aria-hidden="true" />
      {t(`usb.poolState.${pool.state}`)}
    </span>
  );
}
