// "Open bundle": support staff choose or drop a support bundle; the core
// checks it and opens it in memory; the device page, health report and
// history are shown with the same panels the user had, read-only, under a
// banner naming the bundle. `hearth open <file>` offers its bundle here.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { MAX_UI_BUNDLE_BYTES, type NamedBundle } from '../../../electron/contract/diagnostics.js';
import { toRequestError } from '../api/errors.js';
import { Tabs } from '../components/Tabs.js';
import { HealthReportView } from '../diagnostics/HealthReportView.js';
import { LogTable } from '../diagnostics/LogTable.js';
import { bundleDevice, bundleEvents, bytesToBase64, formatSize } from '../diagnostics/logic.js';
import { modelName } from '../fleet/derive.js';
import { useI18n } from '../i18n/context.js';
import { useApi } from '../state/api.js';
import { BoardsPanel } from './device/BoardsPanel.js';
import { Overview } from './device/Overview.js';
import { PoolsPanel } from './device/PoolsPanel.js';
import '../styles/diagnostics.css';

type TabKey = 'overview' | 'health' | 'boards' | 'pools' | 'replies' | 'events';

function RawReplies({ bundle }: { bundle: NamedBundle['bundle'] }) {
  const { t } = useI18n();
  const commands = [...new Set([...Object.keys(bundle.rawReplies), ...Object.keys(bundle.rawErrors)])].sort();
  return (
    <div className="bundle-raw">
      {commands.map((command) => (
        <details key={command} className="panel raw-reply" data-testid="bundle-raw">
          <summary className="mono">{command}</summary>
          {bundle.rawReplies[command] !== undefined ? (
            <pre className="raw-pre">{bundle.rawReplies[command]}</pre>
          ) : (
            <p className="muted">{t('diagnostics.bundle.rawError', { message: bundle.rawErrors[command]?.message ?? '' })}</p>
          )}
        </details>
      ))}
    </div>
  );
}

function EventsAndLogs({ bundle }: { bundle: NamedBundle['bundle'] }) {
  const { t, fmt } = useI18n();
  const events = bundleEvents(bundle.events);
  const deviceLogs = Object.entries(bundle.deviceLogs);
  return (
    <div className="bundle-events">
      <section className="panel health-section">
        <h2 className="panel-title">{t('diagnostics.bundle.events')}</h2>
        {events.length ? (
          <ul className="plain-list" data-testid="bundle-events">
            {events.map((e, i) => (
              <li key={i}>
                <span className="muted">{fmt.dateTime(e.t)}</span> {e.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('diagnostics.bundle.none')}</p>
        )}
      </section>
      <section className="panel health-section">
        <h2 className="panel-title">{t('diagnostics.bundle.audit')}</h2>
        {bundle.auditLog.length ? <pre className="raw-pre">{bundle.auditLog.map((a) => JSON.stringify(a)).join('\n')}</pre> : <p className="muted">{t('diagnostics.bundle.none')}</p>}
      </section>
      <section className="panel health-section">
        <h2 className="panel-title">{t('diagnostics.bundle.appLogs')}</h2>
        <LogTable entries={bundle.appLogs} testId="bundle-app-logs" />
      </section>
      {deviceLogs.length ? (
        <section className="panel health-section">
          <h2 className="panel-title">{t('diagnostics.bundle.deviceLogs')}</h2>
          {deviceLogs.map(([name, text]) => (
            <details key={name} className="raw-reply">
              <summary className="mono">{name}</summary>
              <pre className="raw-pre">{text}</pre>
            </details>
          ))}
        </section>
      ) : null}
    </div>
  );
}

function BundleView({ opened, onClose }: { opened: NamedBundle; onClose(): void }) {
  const { t, fmt } = useI18n();
  const [tab, setTab] = useState<TabKey>('health');
  const heading = useRef<HTMLHeadingElement>(null);
  const { bundle, name } = opened;
  const { manifest } = bundle;
  const device = bundleDevice(bundle);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="page bundle-view" data-testid="bundle-view">
      <div className="banner banner-bundle" role="note" data-testid="bundle-banner">
        <div>
          <strong>
            {t('diagnostics.bundle.banner', {
              name,
              device: manifest.device.id,
              time: fmt.dateTime(manifest.createdAt),
              version: manifest.appVersion,
              os: `${manifest.os.platform} ${manifest.os.release}`,
            })}
          </strong>{' '}
          {t('diagnostics.bundle.readOnly')}{' '}
          <span className="muted">
            {t('diagnostics.bundle.redaction', { state: t(manifest.redaction.walletWorkers ? 'diagnostics.bundle.redaction.on' : 'diagnostics.bundle.redaction.off') })}
          </span>
          {manifest.notes.length ? (
            <span className="muted">
              {' '}
              {t('diagnostics.bundle.notes')}: {manifest.notes.join('; ')}
            </span>
          ) : null}
        </div>
        <button type="button" className="button button-small" onClick={onClose} data-testid="bundle-close">
          {t('diagnostics.bundle.close')}
        </button>
      </div>
      <header className="page-header device-header">
        <div>
          <h1 ref={heading} tabIndex={-1} data-testid="bundle-device-title">
            {manifest.device.product ?? modelName(bundle.snapshot) ?? manifest.device.modelId}
          </h1>
          <p className="page-subtitle">
            <span className="mono">{manifest.device.id}</span>
            {manifest.device.firmware ? (
              <>
                <span aria-hidden="true"> · </span>
                {manifest.device.firmware}
              </>
            ) : null}
          </p>
        </div>
      </header>
      {bundle.snapshot ? null : (
        <div className="banner banner-warn" role="status">
          {t('diagnostics.bundle.noSnapshot')} {bundle.report.pollError?.message}
        </div>
      )}
      <Tabs
        label={t('device.sections')}
        selected={tab}
        onSelect={(key) => setTab(key)}
        tabs={[
          { key: 'overview', label: t('diagnostics.bundle.tab.overview') },
          { key: 'health', label: t('diagnostics.bundle.tab.health') },
          { key: 'boards', label: t('diagnostics.bundle.tab.boards') },
          { key: 'pools', label: t('diagnostics.bundle.tab.pools') },
          { key: 'replies', label: t('diagnostics.bundle.tab.replies') },
          { key: 'events', label: t('diagnostics.bundle.tab.events') },
        ]}
      >
        {tab === 'overview' ? <Overview device={device} samples={bundle.history} /> : null}
        {tab === 'health' ? <HealthReportView report={bundle.report} /> : null}
        {tab === 'boards' ? <BoardsPanel snapshot={bundle.snapshot} /> : null}
        {tab === 'pools' ? <PoolsPanel pools={bundle.snapshot?.pools ?? []} /> : null}
        {tab === 'replies' ? <RawReplies bundle={bundle} /> : null}
        {tab === 'events' ? <EventsAndLogs bundle={bundle} /> : null}
      </Tabs>
    </div>
  );
}

type PickState = { kind: 'idle' } | { kind: 'opening'; name: string } | { kind: 'error'; message: string };

export function BundlePage() {
  const { t } = useI18n();
  const api = useApi();
  const [opened, setOpened] = useState<NamedBundle>();
  const [state, setState] = useState<PickState>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let live = true;
    api.request('diagnostics.startupBundle', {}).then(
      (startup) => {
        if (live && startup) setOpened((current) => current ?? startup);
      },
      () => undefined, // no startup bundle to offer: the picker is shown
    );
    return () => {
      live = false;
    };
  }, [api]);

  const openFile = async (file: File) => {
    if (file.size > MAX_UI_BUNDLE_BYTES) {
      setState({ kind: 'error', message: t('diagnostics.bundle.tooLarge', { name: file.name, size: formatSize(file.size), max: formatSize(MAX_UI_BUNDLE_BYTES) }) });
      return;
    }
    setState({ kind: 'opening', name: file.name });
    try {
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      setOpened(await api.request('diagnostics.openBundle', { name: file.name, base64 }));
      setState({ kind: 'idle' });
    } catch (e) {
      setState({ kind: 'error', message: toRequestError(e).message });
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  if (opened) return <BundleView key={`${opened.name}/${opened.bundle.manifest.createdAt}`} opened={opened} onClose={() => setOpened(undefined)} />;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('diagnostics.bundle.title')}</h1>
          <p className="page-subtitle">{t('diagnostics.bundle.body')}</p>
        </div>
      </header>
      <div
        className={`panel drop-zone${dragging ? ' drop-zone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="bundle-drop"
      >
        <p>{t('diagnostics.bundle.drop')}</p>
        <label className="button button-primary file-button">
          {t('diagnostics.bundle.choose')}
          <input
            type="file"
            accept=".zip,application/zip"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void openFile(file);
            }}
            data-testid="bundle-file"
          />
        </label>
        <p role="status" aria-live="polite" className="health-progress">
          {state.kind === 'opening' ? t('diagnostics.bundle.opening', { name: state.name }) : null}
        </p>
      </div>
      {state.kind === 'error' ? (
        <div className="banner banner-error" role="alert" data-testid="bundle-error">
          <strong>{t('diagnostics.bundle.refused')}</strong> {state.message}
        </div>
      ) : null}
    </div>
  );
}
