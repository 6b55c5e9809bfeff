// The sticks as table rows: used in the fleet dashboard and on the USB mining page.
import type { UsbStick } from '../../../../electron/contract/usb.js';
import { useI18n } from '../../i18n/context.js';
import { hrefFor } from '../../routing.js';
import { formatDifficulty, formatHs } from '../../usb/format.js';
import { PoolState, UsbStateBadge } from './UsbBadges.js';

export function UsbStickTable({ sticks, caption }: { sticks: readonly UsbStick[]; caption: string }) {
  const { t, fmt } = useI18n();
  return (
    <div className="table-scroll">
      <table className="data-table usb-table" data-testid="usb-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('usb.col.stick')}</th>
            <th scope="col">{t('usb.col.state')}</th>
            <th scope="col" className="num">
              {t('usb.col.hashrate')}
            </th>
            <th scope="col" className="num">
              {t('usb.col.shares')}
            </th>
            <th scope="col" className="num">
              {t('usb.col.hw')}
            </th>
            <th scope="col" className="num">
              {t('usb.col.best')}
            </th>
            <th scope="col">{t('usb.col.pool')}</th>
          </tr>
        </thead>
        <tbody>
          {sticks.map((s) => (
            <tr key={s.id} data-testid="usb-row" data-stick-id={s.id} className={s.state === 'unplugged' ? 'row-offline' : undefined}>
              <td className="cell-name">
                <a className="row-link primary-figure" href={hrefFor({ page: 'usb-stick', id: s.id })}>
                  {s.name}
                </a>
                <span className="secondary-figure mono">{s.dna ?? s.usbId}</span>
              </td>
              <td>
                <UsbStateBadge state={s.state} />
                {!s.minable ? <span className="secondary-figure">{t('usb.notMinable')}</span> : null}
              </td>
              <td className="num" data-testid="usb-cell-hashrate">
                <span className="primary-figure">{formatHs(s.hashrateHs, fmt.locale)}</span>
                {s.hashrateWindowS > 0 ? <span className="secondary-figure">{t('usb.window', { window: fmt.duration(s.hashrateWindowS) })}</span> : null}
              </td>
              <td className="num" data-testid="usb-cell-shares">
                <span className="primary-figure">
                  <span data-testid="usb-accepted">{fmt.number(s.accepted, 0)}</span> / {fmt.number(s.rejected, 0)}
                </span>
              </td>
              <td className={`num${s.hardwareErrors > 0 ? ' usb-hw' : ''}`} data-testid="usb-cell-hw">
                {fmt.number(s.hardwareErrors, 0)}
              </td>
              <td className="num" data-testid="usb-cell-best">
                {formatDifficulty(s.bestShare, fmt.locale)}
              </td>
              <td className="cell-pool" data-testid="usb-cell-pool" title={s.pool?.url}>
                {s.pool ? (
                  <>
                    <PoolState pool={s.pool} />
                    <span className="secondary-figure mono">{s.pool.url.replace(/^stratum\+tcp:\/\//, '')}</span>
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
