// The sidebar's count of active alerts (red when one is critical).
import { useActiveAlerts } from '../../alerts/useActiveAlerts.js';
import { useI18n } from '../../i18n/context.js';
import '../../styles/alerts.css';

export function AlertCountBadge() {
  const { t } = useI18n();
  const { active } = useActiveAlerts();
  const count = active?.length ?? 0;
  if (count === 0) return null;
  const critical = active?.some((a) => a.severity === 'critical') === true;
  return (
    <>
      <span className={`nav-count ${critical ? 'nav-count-critical' : ''}`} aria-hidden="true" data-testid="alerts-badge">
        {count}
      </span>
      <span className="visually-hidden">{t('alerts.badge', { count })}</span>
    </>
  );
}
