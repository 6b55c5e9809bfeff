// The earnings page: what the fleet and each device are expected to earn after
// the pool fee and electricity, the odds of a solo block, the market data the
// figures rest on (with sources and ages), and the earnings settings.
import '../styles/earnings.css';
import type { DeviceEarnings, FleetEarnings } from '../../../electron/contract/earnings.js';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { Loading } from '../components/EmptyState.js';
import { CoinIcon, PowerIcon, ScaleIcon } from '../components/Icons.js';
import { StatCard } from '../components/StatCard.js';
import { deviceName, modelName } from '../fleet/derive.js';
import { useI18n } from '../i18n/context.js';
import { hrefFor } from '../routing.js';
import { useFleet } from '../state/fleet.js';
import { EarningsSettingsForm } from './earnings/EarningsSettingsForm.js';
import { EstimateInputs, EstimateNotes, MissingInputs, netClass, PeriodTable } from './earnings/EstimateView.js';
import { MarketPanel } from './earnings/MarketPanel.js';
import { SoloOddsView } from './earnings/SoloOddsView.js';
import { useEarningsFormat } from './earnings/useEarningsFormat.js';
import { useEarningsSettings, useFleetEarnings } from './earnings/useEarnings.js';

function dayOf(earnings: Pick<DeviceEarnings, 'estimate'>) {
  return earnings.estimate?.periods.find((p) => p.period === 'day');
}

function Summary({ fleet, currency }: { fleet: FleetEarnings; currency: string }) {
  const { t } = useI18n();
  const f = useEarningsFormat();
  const estimate = fleet.total.estimate;
  const day = dayOf(fleet.total);
  const month = estimate?.periods.find((p) => p.period === 'month');
  return (
    <div className="stat-grid" data-testid="earnings-summary">
      <StatCard
        testId="earnings-card-net"
        icon={<CoinIcon />}
        label={t('earnings.card.netDay')}
        value={f.money(day?.net, currency)}
        tone={day?.net === undefined ? 'neutral' : day.net >= 0 ? 'good' : 'warn'}
        {...(month?.net !== undefined && { detail: t('earnings.card.netMonth', { amount: f.money(month.net, currency) }) })}
      />
      <StatCard
        testId="earnings-card-revenue"
        icon={<CoinIcon />}
        label={t('earnings.card.revenueDay')}
        value={f.money(day?.revenue, currency)}
        {...(day && { detail: t('earnings.card.satsDay', { sats: f.sats(day.sats) }) })}
      />
      <StatCard
        testId="earnings-card-cost"
        icon={<PowerIcon />}
        label={t('earnings.card.costDay')}
        value={f.money(day?.electricityCost, currency)}
        {...(day?.energyKwh !== undefined &&
          estimate && { detail: t('earnings.card.kwhDay', { kwh: f.kwh(day.energyKwh), price: f.money(estimate.effectivePricePerKwh, currency) }) })}
      />
      <StatCard
        testId="earnings-card-break-even"
        icon={<ScaleIcon />}
        label={t('earnings.card.breakEven')}
        value={estimate?.breakEvenPricePerKwh === undefined ? '—' : `${f.money(estimate.breakEvenPricePerKwh, currency)}/kWh`}
        {...(estimate && { detail: t('earnings.card.youPay', { price: f.money(estimate.effectivePricePerKwh, currency) }) })}
      />
    </div>
  );
}

function DeviceRow({ earnings, device, currency }: { earnings: DeviceEarnings; device: FleetDevice | undefined; currency: string }) {
  const { t, fmt } = useI18n();
  const f = useEarningsFormat();
  const e = earnings.estimate;
  const day = dayOf(earnings);
  const name = device ? deviceName(device.record) : earnings.deviceId;
  const yearChance = earnings.solo?.chances.find((c) => c.period === 'year');
  const model = modelName(device?.snapshot);
  const link = (
    <>
      <a href={hrefFor({ page: 'device', id: earnings.deviceId })} className="row-link primary-figure">
        {name}
      </a>
      {model ? <small className="secondary-figure">{model}</small> : null}
    </>
  );
  if (!e) {
    return (
      <tr data-testid="earnings-device-row" data-device-id={earnings.deviceId} className="earnings-idle">
        <th scope="row">{link}</th>
        <td colSpan={8} className="muted">
          {earnings.missing.includes('hashrate') && device ? t('earnings.notHashing', { status: t(`status.${device.status}`) }) : t('earnings.missing', { what: earnings.missing.map((g) => t(`earnings.gap.${g}`)).join(', ') })}
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="earnings-device-row" data-device-id={earnings.deviceId}>
      <th scope="row">{link}</th>
      <td className="num">
        <span className="primary-figure">{fmt.hashrate(e.hashrateHs / 1e9)}</span>
        <small className="secondary-figure">{t(`earnings.hashrateShort.${e.hashrateSource}`)}</small>
      </td>
      <td className="num">
        <span className="primary-figure">{fmt.power(e.powerW)}</span>
        <small className="secondary-figure" data-testid="cell-kwh-day">
          {e.powerSource ? `${t(`earnings.powerSource.${e.powerSource}`)} · ` : ''}
          {day?.energyKwh === undefined ? '' : t('earnings.kwhPerDay', { kwh: f.kwh(day.energyKwh) })}
        </small>
      </td>
      <td className="num">{fmt.number(e.jPerTh, 1)}</td>
      <td className="num" data-testid="cell-revenue-day">
        {f.money(day?.revenue, currency)}
      </td>
      <td className="num" data-testid="cell-cost-day">
        {f.money(day?.electricityCost, currency)}
      </td>
      <td className={netClass(day?.net)} data-testid="cell-net-day">
        {f.money(day?.net, currency)}
      </td>
      <td className="num">{e.breakEvenPricePerKwh === undefined ? '—' : f.money(e.breakEvenPricePerKwh, currency)}</td>
      <td className="num">{yearChance ? f.chance(yearChance.text) : '—'}</td>
    </tr>
  );
}

function DevicesTable({ fleet, currency }: { fleet: FleetEarnings; currency: string }) {
  const { t } = useI18n();
  const { devices } = useFleet();
  const byId = new Map((devices ?? []).map((d) => [d.record.id, d]));
  const rows = [...fleet.devices].sort((a, b) => (dayOf(b)?.sats ?? -1) - (dayOf(a)?.sats ?? -1));
  return (
    <section className="panel table-panel" aria-labelledby="earnings-devices-title">
      <div className="panel-head earnings-panel-head">
        <h2 className="panel-title" id="earnings-devices-title">
          {t('earnings.devices.title')}
        </h2>
      </div>
      {rows.length === 0 ? (
        <p className="table-empty">{t('earnings.devices.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table earnings-devices" data-testid="earnings-devices">
            <thead>
              <tr>
                <th scope="col">{t('earnings.col.device')}</th>
                <th scope="col" className="num">
                  {t('earnings.col.hashrate')}
                </th>
                <th scope="col" className="num">
                  {t('earnings.col.power')}
                </th>
                <th scope="col" className="num">
                  {t('earnings.col.jth')}
                </th>
                <th scope="col" className="num">
                  {t('earnings.col.revenueDay')}
                </th>
                <th scope="col" className="num">
                  {t('earnings.col.costDay')}
                </th>
                <th scope="col" className="num">
                  {t('earnings.col.netDay')}
                </th>
                <th scope="col" className="num">
                  {t('earnings.col.breakEven')}
                </th>
                <th scope="col" className="num">
                  {t('earnings.col.soloYear')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <DeviceRow key={d.deviceId} earnings={d} device={byId.get(d.deviceId)} currency={currency} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function EarningsPage() {
  const { t } = useI18n();
  const { settings, error: settingsError, save } = useEarningsSettings();
  const { fleet, error } = useFleetEarnings();
  const loadError = error ?? settingsError;
  const hashing = fleet?.devices.filter((d) => d.estimate !== undefined).length ?? 0;

  return (
    <div className="page earnings-page">
      <header className="page-header">
        <div>
          <h1>{t('earnings.title')}</h1>
          <p className="page-subtitle">{t('earnings.subtitle')}</p>
        </div>
      </header>
      {loadError ? (
        <p className="banner banner-error" role="alert" data-testid="earnings-load-error">
          {t('earnings.loadFailed', { message: loadError })}
        </p>
      ) : null}
      {!fleet || !settings ? (
        loadError ? null : <Loading label={t('earnings.loading')} />
      ) : (
        <>
          <Summary fleet={fleet} currency={settings.currency} />
          <section className="panel" aria-labelledby="earnings-fleet-title" data-testid="earnings-fleet">
            <div className="panel-head earnings-panel-head">
              <h2 className="panel-title" id="earnings-fleet-title">
                {t('earnings.fleet.title')}
              </h2>
              <span className="muted">{t('earnings.fleet.hashing', { n: hashing, total: fleet.devices.length })}</span>
            </div>
            {fleet.total.estimate ? (
              <>
                <EstimateInputs estimate={fleet.total.estimate} />
                <PeriodTable estimate={fleet.total.estimate} testId="earnings-fleet-periods" />
                <EstimateNotes estimate={fleet.total.estimate} />
              </>
            ) : (
              <MissingInputs missing={fleet.total.missing} />
            )}
          </section>
          <DevicesTable fleet={fleet} currency={settings.currency} />
          <div className="earnings-columns">
            {fleet.total.solo ? (
              <section className="panel" aria-labelledby="earnings-solo-title">
                <h2 className="panel-title" id="earnings-solo-title">
                  {t('earnings.solo.title')}
                </h2>
                <p className="help">{t('earnings.solo.fleetNote')}</p>
                <SoloOddsView solo={fleet.total.solo} testId="earnings-fleet-solo" />
              </section>
            ) : null}
            <MarketPanel market={fleet.market} currency={settings.currency} />
          </div>
          <EarningsSettingsForm key={JSON.stringify(settings)} settings={settings} pinned={fleet.market.pinned !== undefined} save={save} />
        </>
      )}
    </div>
  );
}
