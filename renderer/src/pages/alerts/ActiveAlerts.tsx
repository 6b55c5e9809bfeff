import type { Alert } from '../../../../electron/contract/alerts.js';
import { sortAlerts } from '../../alerts/useActiveAlerts.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/context.js';
import { DeviceLink, SeverityTag } from './AlertParts.js';

export function ActiveAlerts({ active }: { active: readonly Alert[] }) {
  const { t, fmt } = useI18n();
  if (active.length === 0) return <EmptyState testId="alerts-none" title={t('alerts.none.title')} body={t('alerts.none.body')} />;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="alerts-active">
        <thead>
          <tr>
            <th scope="col">{t('alerts.col.severity')}</th>
            <th scope="col">{t('alerts.col.device')}</th>
            <th scope="col">{t('alerts.col.alert')}</th>
            <th scope="col">{t('alerts.col.message')}</th>
            <th scope="col">{t('alerts.col.since')}</th>
          </tr>
        </thead>
        <tbody>
          {sortAlerts(active).map((a) => (
            <tr key={a.id} data-testid="alert-row" data-kind={a.kind}>
              <td>
                <SeverityTag severity={a.severity} />
              </td>
              <td>
                <DeviceLink alert={a} />
              </td>
              <td>{t(`alerts.kind.${a.kind}`)}</td>
              <td>{a.message}</td>
              <td>
                <time dateTime={new Date(a.raisedAt).toISOString()}>{fmt.dateTime(a.raisedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
