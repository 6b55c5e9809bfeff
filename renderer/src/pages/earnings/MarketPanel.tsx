// The market values the estimates use, each with where it came from and how
// old it is ("from cache, 3 h old", "your value"), what failed in the last
// refresh, and a button to fetch again now.
import { useState, type ReactNode } from 'react';
import type { MarketData, MarketValueSource, MarketWhat } from '../../../../electron/contract/earnings.js';
import { toRequestError } from '../../api/errors.js';
import { RefreshIcon } from '../../components/Icons.js';
import { useI18n } from '../../i18n/context.js';
import type { PlainMessageKey } from '../../i18n/messages.js';
import { useApi } from '../../state/api.js';
import { useEarningsFormat } from './useEarningsFormat.js';

const WHAT_LABEL: Record<MarketWhat, PlainMessageKey> = {
  difficulty: 'earnings.market.difficulty',
  tipHeight: 'earnings.market.tipHeight',
  fees: 'earnings.market.fees',
  nextAdjustment: 'earnings.market.nextAdjustment',
  prices: 'earnings.market.prices',
  usdRate: 'earnings.market.usdRate',
};

interface Labelled {
  source: MarketValueSource;
  ageMs?: number;
  origin: string;
}

function Row({ what, value, meta, detail }: { what: MarketWhat; value: ReactNode; meta: Labelled | undefined; detail?: string }) {
  const { t } = useI18n();
  const f = useEarningsFormat();
  return (
    <tr data-testid={`market-${what}`}>
      <th scope="row">{t(WHAT_LABEL[what])}</th>
      <td data-testid="value">
        {meta ? value : <span className="muted">{t('earnings.market.notAvailable')}</span>}
        {detail ? <small className="help">{detail}</small> : null}
      </td>
      <td data-testid="source">
        {meta ? (
          <>
            <span className={`earnings-badge earnings-badge-${meta.source}`}>{f.source(meta.source, meta.ageMs)}</span>
            {meta.origin !== 'user' ? <small className="help mono earnings-origin">{meta.origin}</small> : null}
          </>
        ) : null}
      </td>
    </tr>
  );
}

export function MarketPanel({ market, currency }: { market: MarketData; currency: string }) {
  const { t, fmt } = useI18n();
  const f = useEarningsFormat();
  const api = useApi();
  const [refreshing, setRefreshing] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();

  const refresh = async () => {
    setRefreshing(true);
    setStatus(undefined);
    try {
      await api.request('earnings.market', { refresh: true });
      setStatus({ ok: true, text: t('earnings.refreshed') });
    } catch (e) {
      setStatus({ ok: false, text: t('earnings.refreshFailed', { message: toRequestError(e).message }) });
    } finally {
      setRefreshing(false);
    }
  };

  const next = market.nextAdjustment?.value;
  const price = market.btcPrice?.value;
  const rate = market.usdRate?.value;
  const fees = market.fees?.value;
  return (
    <section className="panel" aria-labelledby="earnings-market-title" data-testid="earnings-market">
      <div className="panel-head">
        <h2 className="panel-title" id="earnings-market-title">
          {t('earnings.market.title')}
        </h2>
        <button type="button" className="button button-small" onClick={() => void refresh()} disabled={refreshing} aria-busy={refreshing} data-testid="earnings-refresh">
          <RefreshIcon />
          {refreshing ? t('earnings.refreshing') : t('earnings.refresh')}
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {refreshing ? t('earnings.refreshing') : (status?.text ?? '')}
      </p>
      {status && !status.ok ? (
        <p className="inline-error" role="alert" data-testid="earnings-refresh-error">
          {status.text}
        </p>
      ) : null}
      {market.pinned ? (
        <p className="banner banner-demo earnings-pinned" data-testid="earnings-pinned">
          {market.pinned === 'demo' ? t('earnings.pinned.demo') : t('earnings.pinned.host', { url: market.baseUrl })}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table earnings-market-table">
          <thead>
            <tr>
              <th scope="col">{t('earnings.market.col.item')}</th>
              <th scope="col">{t('earnings.market.col.value')}</th>
              <th scope="col">{t('earnings.market.col.source')}</th>
            </tr>
          </thead>
          <tbody>
            <Row what="difficulty" meta={market.difficulty} value={f.large(market.difficulty?.value)} />
            <Row what="tipHeight" meta={market.tipHeight} value={fmt.number(market.tipHeight?.value, 0)} />
            <Row
              what="fees"
              meta={market.fees}
              value={
                fees?.fromHeight !== undefined && fees.toHeight !== undefined
                  ? t('earnings.market.feesValue', { sats: f.sats(fees.avgFeesPerBlockSats), from: fmt.number(fees.fromHeight, 0), to: fmt.number(fees.toHeight, 0) })
                  : `${f.sats(fees?.avgFeesPerBlockSats)} sats`
              }
            />
            <Row
              what="nextAdjustment"
              meta={market.nextAdjustment}
              value={
                next
                  ? t('earnings.market.nextAdjustmentValue', {
                      change: `${next.changePercent > 0 ? '+' : ''}${fmt.number(next.changePercent, 2)} %`,
                      blocks: fmt.number(next.remainingBlocks, 0),
                      date: fmt.dateTime(next.estimatedRetargetAt),
                    })
                  : null
              }
            />
            <Row
              what="prices"
              meta={market.btcPrice}
              value={price ? <span data-testid="earnings-btc-price">{f.money(price.amount, price.currency)}</span> : null}
              {...(price?.via === 'via-usd' && rate ? { detail: t('earnings.market.viaUsd', { rate: fmt.number(rate.perUsd, 4), currency: rate.currency }) } : {})}
            />
            {market.usdRate ? (
              <Row what="usdRate" meta={market.usdRate} value={t('earnings.market.usdRateValue', { rate: fmt.number(market.usdRate.value.perUsd, 4), currency: market.usdRate.value.currency })} />
            ) : null}
          </tbody>
        </table>
      </div>
      {market.errors.length > 0 ? (
        <div className="banner banner-warn earnings-errors" data-testid="earnings-market-errors">
          <strong>{t('earnings.market.errors')}</strong>
          <ul>
            {market.errors.map((e, i) => (
              <li key={`${e.what}-${i}`}>
                {t(WHAT_LABEL[e.what])}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {market.cacheProblem ? <p className="muted">{t('earnings.market.cacheProblem', { problem: market.cacheProblem })}</p> : null}
      {price && price.currency !== currency ? <p className="muted">{t('earnings.noPrice', { currency })}</p> : null}
    </section>
  );
}
