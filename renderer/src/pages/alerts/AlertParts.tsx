// Small pieces shared by the active list and the history: severity and kind labels.
import type { Alert } from '../../../../electron/contract/alerts.js';
import { useI18n } from '../../i18n/context.js';
import { hrefFor } from '../../routing.js';

export function SeverityTag({ severity }: { severity: Alert['severity'] }) {
  const { t } = useI18n();
  return <span className={`alert-severity alert-severity-${severity}`}>{t(`alerts.severity.${severity}`)}</span>;
}

export function DeviceLink({ alert }: { alert: Alert }) {
  return <a href={hrefFor({ page: 'device', id: alert.deviceId })}>{alert.deviceName}</a>;
}
