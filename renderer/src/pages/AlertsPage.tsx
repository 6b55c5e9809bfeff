// Alerts: what is wrong now, what was raised and cleared before, and the
// settings (rules, phone notifications, quiet hours, the metrics endpoint).
import { useState } from 'react';
import { useActiveAlerts } from '../alerts/useActiveAlerts.js';
import { Loading } from '../components/EmptyState.js';
import { Tabs } from '../components/Tabs.js';
import { useI18n } from '../i18n/context.js';
import { ActiveAlerts } from './alerts/ActiveAlerts.js';
import { AlertHistory } from './alerts/AlertHistory.js';
import { AlertSettingsPanel } from './alerts/AlertSettingsPanel.js';
import '../styles/alerts.css';

type TabKey = 'active' | 'history' | 'settings';

export function AlertsPage() {
  const { t } = useI18n();
  const { active, error, reload } = useActiveAlerts();
  const [tab, setTab] = useState<TabKey>('active');
  return (
    <div className="page" data-testid="alerts-page">
      <header className="page-header">
        <div>
          <h1>{t('alerts.title')}</h1>
          <p className="page-subtitle">{t('alerts.subtitle')}</p>
        </div>
      </header>
      <Tabs
        label={t('alerts.tabs')}
        selected={tab}
        onSelect={(key) => setTab(key)}
        tabs={[
          { key: 'active', label: active?.length ? `${t('alerts.tab.active')} (${active.length})` : t('alerts.tab.active') },
          { key: 'history', label: t('alerts.tab.history') },
          { key: 'settings', label: t('alerts.tab.settings') },
        ]}
      >
        {tab === 'active' ? (
          error ? (
            <p className="inline-error" role="alert">
              {t('alerts.loadFailed', { message: error })}{' '}
              <button type="button" className="button button-small" onClick={reload}>
                {t('action.retry')}
              </button>
            </p>
          ) : active ? (
            <ActiveAlerts active={active} />
          ) : (
            <Loading label={t('alerts.loading')} />
          )
        ) : null}
        {tab === 'history' ? <AlertHistory /> : null}
        {tab === 'settings' ? <AlertSettingsPanel /> : null}
      </Tabs>
    </div>
  );
}
