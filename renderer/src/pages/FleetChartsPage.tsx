// The whole fleet over time, from stored history.
import { useI18n } from '../i18n/context.js';
import { HistoryCharts } from './history/HistoryCharts.js';

export function FleetChartsPage() {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="fleet-charts-page">
      <header className="page-header">
        <div>
          <h1>{t('history.fleetTitle')}</h1>
          <p className="page-subtitle">{t('history.fleetSubtitle')}</p>
        </div>
      </header>
      <HistoryCharts target="fleet" />
    </div>
  );
}
