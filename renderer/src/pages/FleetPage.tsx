import { Fragment, useMemo, useState, type KeyboardEvent } from 'react';
import { EmptyState, Loading } from '../components/EmptyState.js';
import { AlertIcon, DevicesIcon, HashIcon, PowerIcon, SearchIcon, SortIcon } from '../components/Icons.js';
import { StatCard } from '../components/StatCard.js';
import { AlertTags, StatusBadge } from '../components/StatusBadge.js';
import { fleetTotals, toRow, type FleetRow } from '../fleet/derive.js';
import { filterRows, nextSort, sortRows, type SortKey, type SortState } from '../fleet/table.js';
import { useI18n, type I18n } from '../i18n/context.js';
import type { PlainMessageKey } from '../i18n/messages.js';
import { hrefFor, navigate } from '../routing.js';
import { useFleet } from '../state/fleet.js';
import { UsbFleetSection } from './usb/UsbFleetSection.js';
import { BatchBar, RowSelect } from './fleet/BatchTuning.js';

const COLUMNS: readonly { key: SortKey; label: PlainMessageKey; numeric?: boolean }[] = [
  { key: 'name', label: 'fleet.col.name' },
  { key: 'model', label: 'fleet.col.model' },
  { key: 'address', label: 'fleet.col.address' },
  { key: 'status', label: 'fleet.col.status' },
  { key: 'ghs5s', label: 'fleet.col.hashrate', numeric: true },
  { key: 'hottestC', label: 'fleet.col.temp', numeric: true },
  { key: 'fans', label: 'fleet.col.fans', numeric: true },
  { key: 'powerW', label: 'fleet.col.power', numeric: true },
  { key: 'jPerTh', label: 'fleet.col.efficiency', numeric: true },
  { key: 'pool', label: 'fleet.col.pool' },
  { key: 'uptimeS', label: 'fleet.col.uptime', numeric: true },
];

/** Words a user might type to find a row by its state, in the current language. */
function statusWords(t: I18n['t']) {
  return (row: FleetRow) => [t(`status.${row.status}`), ...row.alerts.map((a) => t(`alert.${a}`))];
}

/** Wraps only between words: model names like "AvalonMiner 15-194" must not break at the hyphen. */
function Words({ text }: { text: string }) {
  return text.split(' ').map((word, i) => (
    <Fragment key={i}>
      {i > 0 ? ' ' : null}
      <span className="nowrap">{word}</span>
    </Fragment>
  ));
}

/** Arrow keys move between the rows' links; Enter (native on a link) opens the device. */
function onTableKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.row-link')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index === -1) return;
  event.preventDefault();
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? links.length - 1 : Math.min(links.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
  links[next]?.focus();
}

export function FleetPage() {
  const { devices, error, reload } = useFleet();
  const { t, fmt } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState>({ key: 'name', direction: 'ascending' });
  const [selected, setSelected] = useState<readonly string[]>([]);

  const rows = useMemo(() => (devices ?? []).map(toRow), [devices]);
  const visible = useMemo(() => sortRows(filterRows(rows, query, statusWords(t)), sort), [rows, query, sort, t]);
  const totals = useMemo(() => fleetTotals(devices ?? []), [devices]);

  const header = (
    <header className="page-header">
      <div>
        <h1>{t('fleet.title')}</h1>
        <p className="page-subtitle">{t('fleet.subtitle')}</p>
      </div>
      <a className="button button-primary" href={hrefFor({ page: 'discover' })}>
        {t('fleet.addDevices')}
      </a>
    </header>
  );

  if (!devices) {
    return (
      <div className="page">
        {header}
        {error ? (
          <EmptyState
            title={t('fleet.loadFailed')}
            body={error}
            actions={
              <button type="button" className="button" onClick={reload}>
                {t('action.retry')}
              </button>
            }
          />
        ) : (
          <Loading label={t('fleet.loading')} />
        )}
      </div>
    );
  }

  const hash = fmt.hashrateParts(totals.ghs);
  const fleetJPerTh = totals.ghs > 0 && totals.powerW > 0 ? totals.powerW / (totals.ghs / 1000) : undefined;

  return (
    <div className="page">
      {header}
      <div className="stat-grid">
        <StatCard testId="card-hashrate" icon={<HashIcon />} label={t('fleet.card.hashrate')} value={hash.value} unit={hash.unit} detail={t('fleet.card.hashrateDetail')} />
        <StatCard
          testId="card-online"
          icon={<DevicesIcon />}
          label={t('fleet.card.online')}
          value={`${fmt.number(totals.online, 0)} / ${fmt.number(totals.total, 0)}`}
          tone={totals.total > 0 && totals.online === totals.total ? 'good' : totals.online < totals.total ? 'warn' : 'neutral'}
          detail={totals.total - totals.online > 0 ? t('fleet.card.notOnline', { count: totals.total - totals.online }) : t('fleet.card.allOnline')}
        />
        <StatCard testId="card-power" icon={<PowerIcon />} label={t('fleet.card.power')} value={fmt.power(totals.powerW || undefined)} detail={t('fleet.card.efficiency', { value: fmt.efficiency(fleetJPerTh) })} />
        <StatCard
          testId="card-alerts"
          icon={<AlertIcon />}
          label={t('fleet.card.alerts')}
          value={fmt.number(totals.alerts, 0)}
          tone={totals.alerts ? 'warn' : 'good'}
          detail={totals.alerts ? t('fleet.card.alertsDetail') : t('fleet.card.noAlerts')}
        />
      </div>

      {rows.length === 0 ? (
        <EmptyState
          testId="fleet-empty"
          title={t('fleet.empty.title')}
          body={t('fleet.empty.body')}
          actions={
            <a className="button button-primary" href={hrefFor({ page: 'discover' })}>
              {t('fleet.empty.action')}
            </a>
          }
        />
      ) : (
        <section className="panel table-panel" aria-labelledby="fleet-table-title">
          <div className="table-toolbar">
            <h2 id="fleet-table-title" className="panel-title">
              {t('fleet.table.title')}
            </h2>
            <span className="toolbar-count" aria-live="polite">
              {t('fleet.table.showing', { shown: visible.length, total: rows.length })}
            </span>
            <label className="search">
              <SearchIcon />
              <span className="visually-hidden">{t('fleet.filter.label')}</span>
              <input
                type="search"
                data-testid="fleet-filter"
                placeholder={t('fleet.filter.placeholder')}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') setQuery('');
                }}
              />
            </label>
          </div>
          <BatchBar selected={selected} visible={visible.map((r) => r.id)} devices={devices} onChange={setSelected} />
          <div className="table-scroll">
            <table className="data-table fleet-table" data-testid="fleet-table">
              <caption className="visually-hidden">{t('fleet.table.caption')}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((col) => {
                    const active = sort.key === col.key;
                    return (
                      <th key={col.key} scope="col" aria-sort={active ? sort.direction : undefined} className={col.numeric ? 'num' : undefined}>
                        <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, col.key))} data-testid={`sort-${col.key}`}>
                          {t(col.label)}
                          <SortIcon direction={active ? sort.direction : undefined} />
                        </button>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody onKeyDown={onTableKeyDown}>
                {visible.map((row) => (
                  <tr
                    key={row.id}
                    data-testid="fleet-row"
                    data-device-id={row.id}
                    className={row.status === 'offline' ? 'row-offline' : undefined}
                    onClick={(e) => {
                      if (!(e.target as HTMLElement).closest('a, .row-select')) navigate({ page: 'device', id: row.id });
                    }}
                  >
                    <td className="cell-name">
                      <RowSelect id={row.id} name={row.name} selected={selected} onChange={setSelected} />
                      <a className="row-link" href={hrefFor({ page: 'device', id: row.id })}>
                        {row.name}
                      </a>
                    </td>
                    <td>
                      <Words text={row.model ?? '—'} />
                    </td>
                    <td className="mono">{row.address}</td>
                    <td>
                      <div className="status-stack">
                        <StatusBadge status={row.status} />
                        <AlertTags alerts={row.alerts} />
                      </div>
                    </td>
                    <td className="num" data-testid="cell-hashrate">
                      <span className="primary-figure">{fmt.hashrate(row.ghs5s)}</span>
                      <span className="secondary-figure">{t('fleet.avg', { value: fmt.hashrate(row.ghsAvg) })}</span>
                    </td>
                    <td className={`num${row.alerts.includes('hot') ? ' hot' : ''}`}>{fmt.temperature(row.hottestC)}</td>
                    <td className="num">
                      <span className="primary-figure">{fmt.rpm(row.fansRpm.length ? Math.min(...row.fansRpm) : undefined)}</span>
                      {row.fansRpm.length > 1 ? <span className="secondary-figure">{t('fleet.fansSlowest', { count: row.fansRpm.length })}</span> : null}
                    </td>
                    <td className="num">{fmt.power(row.powerW)}</td>
                    <td className="num">{fmt.efficiency(row.jPerTh)}</td>
                    <td className="cell-pool" title={row.pool}>
                      {row.pool ?? '—'}
                    </td>
                    <td className="num">{fmt.duration(row.uptimeS)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {visible.length === 0 ? <p className="table-empty">{t('fleet.filter.none', { query })}</p> : null}
          </div>
        </section>
      )}
      <UsbFleetSection />
    </div>
  );
}
