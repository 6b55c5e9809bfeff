import type { ReactNode } from 'react';
import { useI18n } from '../i18n/context.js';
import { hrefFor, type Route } from '../routing.js';
import { useBridge, useConnection } from '../state/api.js';
import { useSettings } from '../state/settings.js';
import { BellIcon, BundleIcon, ChartIcon, CoinIcon, DiscoverIcon, FlameIcon, FleetIcon, LogsIcon, SettingsIcon, UsbIcon } from './Icons.js';
import { AlertCountBadge } from '../pages/alerts/AlertCountBadge.js';

function NavItem({ to, current, icon, label, badge }: { to: Route; current: boolean; icon: ReactNode; label: string; badge?: ReactNode }) {
  return (
    <li>
      <a className="nav-item" href={hrefFor(to)} aria-current={current ? 'page' : undefined} data-testid={`nav-${to.page}`}>
        {icon}
        <span>{label}</span>
        {badge}
      </a>
    </li>
  );
}

export function Sidebar({ route }: { route: Route }) {
  const { t } = useI18n();
  const { appInfo } = useSettings();
  const { transport } = useBridge();
  const connection = useConnection();
  const fleetActive = route.page === 'fleet' || route.page === 'device';
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="brand-mark">
          <FlameIcon size={22} />
        </span>
        <span className="brand-name">Hearth</span>
      </div>
      <ul className="nav-list">
        <NavItem to={{ page: 'fleet' }} current={fleetActive} icon={<FleetIcon />} label={t('nav.fleet')} />
        <NavItem to={{ page: 'charts' }} current={route.page === 'charts'} icon={<ChartIcon />} label={t('history.nav')} />
        <NavItem to={{ page: 'alerts' }} current={route.page === 'alerts'} icon={<BellIcon />} label={t('alerts.nav')} badge={<AlertCountBadge />} />
        <NavItem to={{ page: 'discover' }} current={route.page === 'discover'} icon={<DiscoverIcon />} label={t('nav.discover')} />
        <NavItem to={{ page: 'earnings' }} current={route.page === 'earnings'} icon={<CoinIcon />} label={t('earnings.nav')} />
        <NavItem to={{ page: 'usb' }} current={route.page === 'usb' || route.page === 'usb-stick'} icon={<UsbIcon />} label={t('usb.nav')} />
        <NavItem to={{ page: 'logs' }} current={route.page === 'logs'} icon={<LogsIcon />} label={t('diagnostics.logs.nav')} />
        <NavItem to={{ page: 'bundle' }} current={route.page === 'bundle'} icon={<BundleIcon />} label={t('diagnostics.bundle.nav')} />
        <NavItem to={{ page: 'settings' }} current={route.page === 'settings'} icon={<SettingsIcon />} label={t('nav.settings')} />
      </ul>
      <div className="sidebar-foot">
        <span className={`conn conn-${connection.status}`}>
          <span className="conn-dot" aria-hidden="true" />
          {transport === 'ipc' ? t('connection.local') : t(`connection.${connection.status}`)}
        </span>
        {appInfo ? <span className="version">v{appInfo.version}</span> : null}
      </div>
    </nav>
  );
}
