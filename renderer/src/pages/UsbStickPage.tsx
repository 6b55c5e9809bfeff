// One USB stick: its state, what to do when it cannot be used, its counters
// (hashrate from verified nonces, shares, hardware errors per chip, best share),
// what it is, and the pool its shares go to.
import '../styles/usb.css';
import type { UsbStick } from '../../../electron/contract/usb.js';
import { EmptyState, Loading } from '../components/EmptyState.js';
import { BackIcon } from '../components/Icons.js';
import { useI18n } from '../i18n/context.js';
import { hrefFor } from '../routing.js';
import { formatDifficulty, formatHs } from '../usb/format.js';
import { PoolState, UsbStateBadge } from './usb/UsbBadges.js';
import { UsbProblemHelp } from './usb/UsbProblemHelp.js';
import { useNow, useUsbList } from './usb/useUsb.js';

function Figure({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {detail ? <dd className="usb-figure-detail">{detail}</dd> : null}
    </div>
  );
}

function Row({ label, value }: { label: string; value: string | undefined }) {
  if (value === undefined) return null;
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ChipErrors({ perChip }: { perChip: readonly number[] }) {
  const { t, fmt } = useI18n();
  return (
    <section className="panel" aria-labelledby="usb-chips-title" data-testid="usb-chips">
      <h2 id="usb-chips-title" className="panel-title">
        {t('usb.chips.title')}
      </h2>
      <table className="data-table usb-chip-table">
        <caption className="visually-hidden">{t('usb.chips.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('usb.chips.chip')}</th>
            <th scope="col" className="num">
              {t('usb.chips.errors')}
            </th>
          </tr>
        </thead>
        <tbody>
          {perChip.map((n, i) => (
            <tr key={i}>
              <th scope="row">{t('usb.chips.n', { n: i + 1 })}</th>
              <td className={`num${n > 0 ? ' usb-hw' : ''}`}>{fmt.number(n, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Detail({ stick, platform }: { stick: UsbStick; platform: string }) {
  const { t, fmt } = useI18n();
  const now = useNow();
  const averaged = stick.hashrateWindowS > 0 ? t('usb.fig.window', { window: fmt.duration(stick.hashrateWindowS) }) : undefined;
  return (
    <>
      {stick.problem ? <UsbProblemHelp problem={stick.problem} platform={platform} /> : null}
      <dl className="figures usb-figures">
        <Figure label={t('usb.fig.hashrate')} value={formatHs(stick.hashrateHs, fmt.locale)} {...(averaged ? { detail: averaged } : {})} testId="usb-fig-hashrate" />
        <Figure label={t('usb.fig.accepted')} value={fmt.number(stick.accepted, 0)} testId="usb-fig-accepted" />
        <Figure label={t('usb.fig.rejected')} value={fmt.number(stick.rejected, 0)} />
        <Figure label={t('usb.fig.stale')} value={fmt.number(stick.stale, 0)} />
        <Figure label={t('usb.fig.hw')} value={fmt.number(stick.hardwareErrors, 0)} testId="usb-fig-hw" />
        <Figure label={t('usb.fig.verified')} value={fmt.number(stick.verifiedNonces, 0)} />
        <Figure label={t('usb.fig.best')} value={formatDifficulty(stick.bestShare, fmt.locale)} testId="usb-fig-best" />
        <Figure label={t('usb.fig.lastShare')} value={stick.lastShareMs === undefined ? '—' : fmt.relative(stick.lastShareMs, now)} />
      </dl>
      <p className="help">{t('usb.hw.explain')}</p>
      <div className="usb-detail-grid">
        <section className="panel" aria-labelledby="usb-id-title">
          <h2 id="usb-id-title" className="panel-title">
            {t('usb.id.title')}
          </h2>
          <dl className="kv-grid" data-testid="usb-identity">
            <Row label={t('usb.id.model')} value={stick.name} />
            <Row label={t('usb.id.usbId')} value={stick.usbId} />
            <Row label={t('usb.id.connection')} value={t(`usb.connection.${stick.connection}`)} />
            <Row label={t('usb.id.serial')} value={stick.serialNumber} />
            <Row label={t('usb.id.dna')} value={stick.dna} />
            <Row label={t('usb.id.firmware')} value={stick.firmware} />
            <Row label={t('usb.id.asics')} value={stick.asicCount === undefined ? undefined : fmt.number(stick.asicCount, 0)} />
            <Row label={t('usb.fig.frequency')} value={stick.frequencyMhz ? `${[...new Set(stick.frequencyMhz)].map((f) => fmt.number(f, 0)).join(' / ')} MHz` : undefined} />
            <Row label={t('usb.fig.temperature')} value={stick.temperatureC === undefined ? undefined : fmt.temperature(stick.temperatureC)} />
            <Row label={t('usb.fig.miningFor')} value={stick.miningSinceMs === undefined ? undefined : fmt.duration((now - stick.miningSinceMs) / 1000)} />
          </dl>
        </section>
        <section className="panel" aria-labelledby="usb-pool-title" data-testid="usb-stick-pool">
          <h2 id="usb-pool-title" className="panel-title">
            {t('usb.pool.title')}
          </h2>
          {stick.pool ? (
            <dl className="kv-grid">
              <div className="figure">
                <dt>{t('usb.pool.state')}</dt>
                <dd>
                  <PoolState pool={stick.pool} />
                </dd>
              </div>
              <Row label={t('usb.pool.url')} value={stick.pool.url} />
              <Row label={t('usb.pool.worker')} value={stick.pool.worker} />
              <Row label={t('usb.pool.difficulty')} value={formatDifficulty(stick.pool.difficulty, fmt.locale)} />
              <Row label={t('usb.pool.lastError')} value={stick.pool.lastError} />
            </dl>
          ) : (
            <p className="muted">{t('usb.pool.none')}</p>
          )}
        </section>
      </div>
      {stick.hardwareErrorsPerChip ? <ChipErrors perChip={stick.hardwareErrorsPerChip} /> : null}
    </>
  );
}

export function UsbStickPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { list, error, reload } = useUsbList();
  const stick = list?.sticks.find((s) => s.id === id);
  const back = (
    <a className="back-link" href={hrefFor({ page: 'usb' })}>
      <BackIcon />
      {t('usb.stick.back')}
    </a>
  );
  if (!stick) {
    return (
      <div className="page">
        {back}
        {list || error ? (
          <EmptyState
            testId="usb-stick-missing"
            title={error ? t('usb.loadFailed', { message: error }) : t('usb.stick.notFound')}
            {...(error ? {} : { body: t('usb.stick.notFoundBody') })}
            actions={
              error ? (
                <button type="button" className="button" onClick={reload}>
                  {t('action.retry')}
                </button>
              ) : undefined
            }
          />
        ) : (
          <Loading label={t('usb.loading')} />
        )}
      </div>
    );
  }
  return (
    <div className="page">
      {back}
      <header className="page-header">
        <div>
          <h1 data-testid="usb-stick-title">{stick.name}</h1>
          <p className="page-subtitle">
            <span className="mono">{stick.dna ?? stick.usbId}</span>
            <span aria-hidden="true"> · </span>
            {t(`usb.connection.${stick.connection}`)}
          </p>
          <div className="header-badges">
            <UsbStateBadge state={stick.state} />
          </div>
        </div>
      </header>
      <Detail stick={stick} platform={list?.platform ?? ''} />
    </div>
  );
}
