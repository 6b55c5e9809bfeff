// The window: sidebar, banners, the routed page, toasts. Providers wrap it in
// dependency order: the api first, then settings (language, theme), then the fleet.
import { useEffect, useRef } from 'react';
import type { Bridge } from './api/bridge.js';
import { ConnectionBanner, DemoBanner, LoadErrorBanner, StorageProblemsBanner } from './components/Banners.js';
import { Sidebar } from './components/Sidebar.js';
import { Toasts } from './components/Toasts.js';
import { I18nProvider, useI18n } from './i18n/context.js';
import { languageFor } from './i18n/messages.js';
import { DevicePage } from './pages/DevicePage.js';
import { DiscoverPage } from './pages/DiscoverPage.js';
import { EarningsPage } from './pages/EarningsPage.js';
import { FleetPage } from './pages/FleetPage.js';
import { FleetChartsPage } from './pages/FleetChartsPage.js';
import { AlertsPage } from './pages/AlertsPage.js';
import { BundlePage } from './pages/BundlePage.js';
import { LogsPage } from './pages/LogsPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { UsbPage } from './pages/UsbPage.js';
import { UsbStickPage } from './pages/UsbStickPage.js';
import { useRoute, type Route } from './routing.js';
import { ApiProvider } from './state/api.js';
import { FleetProvider } from './state/fleet.js';
import { SettingsProvider, useSettings } from './state/settings.js';
import { ToastProvider } from './state/toasts.js';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'device':
      return <DevicePage key={route.id} id={route.id} />;
    case 'discover':
      return <DiscoverPage />;
    case 'settings':
      return <SettingsPage />;
    case 'logs':
      return <LogsPage />;
    case 'bundle':
      return <BundlePage />;
    case 'usb':
      return <UsbPage />;
    case 'usb-stick':
      return <UsbStickPage key={route.id} id={route.id} />;
    case 'earnings':
      return <EarningsPage />;
    case 'fleet':
      return <FleetPage />;
    case 'charts':
      return <FleetChartsPage />;
    case 'alerts':
      return <AlertsPage />;
  }
}

function Shell() {
  const route = useRoute();
  const { t } = useI18n();
  const main = useRef<HTMLElement>(null);
  const routeKey = route.page === 'device' || route.page === 'usb-stick' ? `${route.page}/${route.id}` : route.page;
  // After navigation, move focus to the new page so screen readers announce it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [routeKey]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Sidebar route={route} />
      <div className="content">
        <ConnectionBanner />
        <DemoBanner />
        <LoadErrorBanner />
        <StorageProblemsBanner />
        <main id="main" ref={main} tabIndex={-1} className="main">
          <Page route={route} />
        </main>
      </div>
      <Toasts />
    </div>
  );
}

function Localised() {
  const { settings } = useSettings();
  return (
    <I18nProvider language={settings?.language ?? languageFor(navigator.language)}>
      <FleetProvider>
        <ToastProvider>
          <Shell />
        </ToastProvider>
      </FleetProvider>
    </I18nProvider>
  );
}

export function App({ bridge }: { bridge: Bridge }) {
  return (
    <ApiProvider bridge={bridge}>
      <SettingsProvider>
        <Localised />
      </SettingsProvider>
    </ApiProvider>
  );
}
