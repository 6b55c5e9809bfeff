// One estimate (a device, or the fleet as one miner): what it is based on
// (which hashrate, which power, the pool terms, the electricity price) and the
// expected earnings per day, week, month and year.
import type { EarningsEstimate, EstimateGap } from '../../../../electron/contract/earnings.js';
import { useI18n } from '../../i18n/context.js';
import { useEarningsFormat } from './useEarningsFormat.js';

export function netClass(net: number | undefined): string {
  if (net === undefined) return 'num';
  return net < 0 ? 'num earnings-loss' : 'num earnings-gain';
}

export function MissingInputs({ missing }: { missing: readonly EstimateGap[] }) {
  const { t } = useI18n();
  return (
    <p className="muted" data-testid="earnings-missing">
      {t('earnings.missing', { what: missing.map((gap) => t(`earnings.gap.${gap}`)).join(', ') })}
    </p>
  );
}

export function EstimateInputs({ estimate }: { estimate: EarningsEstimate }) {
  const { t, fmt } = useI18n();
  const f = useEarningsFormat();
  const { currency } = estimate;
  return (
    <dl className="kv-grid earnings-inputs" data-testid="earnings-inputs">
      <div className="figure">
        <dt>{t('earnings.in.hashrate')}</dt>
        <dd>
          {fmt.hashrate(estimate.hashrateHs / 1e9)}{' '}
          <span className="earnings-source" data-testid="earnings-hashrate-source">
            {t(`earnings.hashrateSource.${estimate.hashrateSource}`)}
          </span>
        </dd>
      </div>
      <div className="figure">
        <dt>{t('earnings.in.power')}</dt>
        <dd>
          {fmt.power(estimate.powerW)}{' '}
          {estimate.powerSource ? (
            <span className="earnings-source" data-testid="earnings-power-source">
              {t(`earnings.powerSource.${estimate.powerSource}`)}
            </span>
          ) : null}
        </dd>
      </div>
      <div className="figure">
        <dt>{t('earnings.in.efficiency')}</dt>
        <dd>{fmt.efficiency(estimate.jPerTh)}</dd>
      </div>
      <div className="figure">
        <dt>{t('earnings.in.pool')}</dt>
        <dd>{t('earnings.poolTerms', { scheme: t(`earnings.scheme.${estimate.pool.scheme}`), fee: fmt.percent(estimate.pool.feePercent / 100) })}</dd>
      </div>
      <div className="figure">
        <dt>{t('earnings.in.electricity')}</dt>
        <dd>{f.money(estimate.effectivePricePerKwh, currency)}/kWh</dd>
      </div>
      <div className="figure">
        <dt>{t('earnings.in.breakEven')}</dt>
        <dd data-testid="earnings-break-even">{estimate.breakEvenPricePerKwh === undefined ? '—' : `${f.money(estimate.breakEvenPricePerKwh, currency)}/kWh`}</dd>
      </div>
    </dl>
  );
}

export function PeriodTable({ estimate, testId }: { estimate: EarningsEstimate; testId: string }) {
  const { t } = useI18n();
  const f = useEarningsFormat();
  const { currency } = estimate;
  return (
    <div className="table-scroll">
      <table className="data-table earnings-periods" data-testid={testId}>
        <caption className="visually-hidden">{t('earnings.periodsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('earnings.col.period')}</th>
            <th scope="col" className="num">
              {t('earnings.col.btc')}
            </th>
            <th scope="col" className="num">
              {t('earnings.col.sats')}
            </th>
            <th scope="col" className="num">
              {t('earnings.col.revenue')}
            </th>
            <th scope="col" className="num">
              {t('earnings.col.energy')}
            </th>
            <th scope="col" className="num">
              {t('earnings.col.electricity')}
            </th>
            <th scope="col" className="num">
              {t('earnings.col.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {estimate.periods.map((row) => (
            <tr key={row.period} data-testid={`period-${row.period}`}>
              <th scope="row">{t(`earnings.period.${row.period}`)}</th>
              <td className="num mono" data-testid="btc">
                {f.btc(row.btc)}
              </td>
              <td className="num" data-testid="sats">
                {f.sats(row.sats)}
              </td>
              <td className="num" data-testid="revenue">
                {f.money(row.revenue, currency)}
              </td>
              <td className="num" data-testid="energy">
                {row.energyKwh === undefined ? '—' : `${f.kwh(row.energyKwh)} kWh`}
              </td>
              <td className="num" data-testid="electricity">
                {f.money(row.electricityCost, currency)}
              </td>
              <td className={netClass(row.net)} data-testid="net">
                {f.money(row.net, currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What to keep in mind reading the figures: missing power or price, and the payout scheme's variance. */
export function EstimateNotes({ estimate }: { estimate: EarningsEstimate }) {
  const { t } = useI18n();
  return (
    <ul className="earnings-notes">
      {estimate.powerW === undefined ? <li>{t('earnings.noPower')}</li> : null}
      {estimate.btcPrice === undefined ? <li data-testid="earnings-no-price">{t('earnings.noPrice', { currency: estimate.currency })}</li> : null}
      <li>{t(`earnings.variance.${estimate.variance}`)}</li>
    </ul>
  );
}
