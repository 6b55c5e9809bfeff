import { useState } from 'react';
import { EmptyState, Loading } from '../components/EmptyState.js';
import { BackIcon } from '../components/Icons.js';
import { AlertTags, StatusBadge } from '../components/StatusBadge.js';
import { Tabs } from '../components/Tabs.js';
import { deviceAddress, deviceAlerts, deviceName, modelName } from '../fleet/derive.js';
import { useI18n } from '../i18n/context.js';
import { hrefFor, navigate } from '../routing.js';
import { useFleet } from '../state/fleet.js';
import { useToasts } from '../state/toasts.js';
import { BoardsPanel } from './device/BoardsPanel.js';
import { EditDeviceDialog, RemoveDeviceDialog } from './device/DeviceDialogs.js';
import { EarningsPanel } from './device/EarningsPanel.js';
import { HealthPanel } from './device/HealthPanel.js';
import { Overview } from './device/Overview.js';
import { PoolsPanel } from './device/PoolsPanel.js';
import { RepliesPanel } from './device/RepliesPanel.js';
import { TuningPanel } from './device/TuningPanel.js';
import { HistoryCharts } from './history/HistoryCharts.js';
import { useDeviceDetail, useDeviceHistory } from './device/useDevice.js';

type TabKey = 'overview' | 'history' | 'boards' | 'pools' | 'replies' | 'earnings' | 'tuning' | 'health';

/** Keyed by device id by its parent, so every piece of state starts fresh per device. */
export function DevicePage({ id }: { id: string }) {
  const { t } = useI18n();
  const { push } = useToasts();
  const fleet = useFleet();
  const { detail, error, reload } = useDeviceDetail(id);
  // The fleet event is the live view; device.get adds the raw replies it leaves out.
  const live = fleet.devices?.find((d) => d.record.id === id);
  // Once the fleet is known, it decides: a device no longer in it was removed (perhaps elsewhere).
  const device = fleet.devices ? live : detail;
  const history = useDeviceHistory(id, live?.lastSuccessAt);
  const [tab, setTab] = useState<TabKey>('overview');
  const [dialog, setDialog] = useState<'edit' | 'remove'>();

  const back = (
    <a className="back-link" href={hrefFor({ page: 'fleet' })}>
      <BackIcon />
      {t('nav.fleet')}
    </a>
  );

  if (!device) {
    return (
      <div className="page">
        {back}
        {error || (fleet.devices && !live) ? (
          <EmptyState
            testId="device-missing"
            title={t('device.notFound')}
            body={error ?? t('device.notFoundBody')}
            actions={
              error ? (
                <button type="button" className="button" onClick={reload}>
                  {t('action.retry')}
                </button>
              ) : (
                <a className="button" href={hrefFor({ page: 'fleet' })}>
                  {t('device.backToFleet')}
                </a>
              )
            }
          />
        ) : (
          <Loading label={t('device.loading')} />
        )}
      </div>
    );
  }

  const name = deviceName(device.record);
  const model = modelName(device.snapshot);
  const snapshot = device.snapshot;
  // fleet.delta leaves raw replies out; device.get (refetched when the tab opens) has them.
  const raw = detail?.snapshot?.raw ?? snapshot?.raw;

  return (
    <div className="page">
      {back}
      <header className="page-header device-header">
        <div>
          <h1 data-testid="device-title">{name}</h1>
          <p className="page-subtitle">
            <span data-testid="device-header-model">{model ?? t('device.unknownModel')}</span>
            <span aria-hidden="true"> · </span>
            <span className="mono">{deviceAddress(device.record)}</span>
            {device.record.location ? (
              <>
                <span aria-hidden="true"> · </span>
                {device.record.location}
              </>
            ) : null}
          </p>
          <div className="header-badges">
            <StatusBadge status={device.status} />
            <AlertTags alerts={deviceAlerts(device)} />
          </div>
        </div>
        <div className="header-actions">
          <button type="button" className="button" onClick={() => setDialog('edit')} data-testid="device-edit">
            {t('device.edit')}
          </button>
          <button type="button" className="button button-danger-quiet" onClick={() => setDialog('remove')} data-testid="device-remove">
            {t('device.remove')}
          </button>
        </div>
      </header>

      {device.lastError && device.status !== 'online' ? (
        <div className="banner banner-warn" role="status" data-testid="device-error">
          <strong>{t('device.lastError')}</strong> {device.lastError.message} <span className="muted">({t(`deviceError.${device.lastError.kind}`)})</span>
        </div>
      ) : null}

      <Tabs
        label={t('device.sections')}
        selected={tab}
        onSelect={(key) => {
          setTab(key);
          if (key === 'replies') reload();
        }}
        tabs={[
          { key: 'overview', label: t('device.tab.overview') },
          { key: 'history', label: t('history.tab') },
          { key: 'boards', label: t('device.tab.boards') },
          { key: 'pools', label: t('device.tab.pools') },
          { key: 'replies', label: t('device.tab.replies') },
          { key: 'tuning', label: t('tuning.tab') },
          { key: 'earnings', label: t('earnings.device.tab') },
          { key: 'health', label: t('diagnostics.tab') },
        ]}
      >
        {tab === 'overview' ? <Overview device={device} samples={history.samples} historyError={history.error} /> : null}
        {tab === 'history' ? <HistoryCharts target={{ deviceId: id }} intro={t('history.deviceIntro')} /> : null}
        {tab === 'boards' ? <BoardsPanel snapshot={snapshot} /> : null}
        {tab === 'pools' ? <PoolsPanel pools={snapshot?.pools ?? []} /> : null}
        {tab === 'replies' ? <RepliesPanel deviceId={id} snapshot={snapshot} raw={raw} /> : null}
        {tab === 'tuning' ? <TuningPanel device={device} /> : null}
        {tab === 'earnings' ? <EarningsPanel deviceId={id} status={device.status} /> : null}
        {tab === 'health' ? <HealthPanel deviceId={id} /> : null}
      </Tabs>

      {dialog === 'edit' ? (
        <EditDeviceDialog
          record={device.record}
          open
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            push('success', t('edit.saved'));
            fleet.reload();
            reload();
          }}
        />
      ) : null}
      {dialog === 'remove' ? (
        <RemoveDeviceDialog
          record={device.record}
          name={name}
          open
          onClose={() => setDialog(undefined)}
          onRemoved={() => {
            push('success', t('remove.done', { name }));
            fleet.reload();
            navigate({ page: 'fleet' });
          }}
        />
      ) : null}
    </div>
  );
}
