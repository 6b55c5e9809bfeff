import type { Pool } from '../../../../electron/contract/snapshot.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/context.js';

// `Last Share Time` is in the device's own clock: a Unix time on the home
// models, seconds since controller boot on A10-A15 (docs/ui.md, "Pools").
const PLAUSIBLE_EPOCH_S = 1_000_000_000;

export function PoolsPanel({ pools }: { pools: readonly Pool[] }) {
  const { t, fmt } = useI18n();
  const lastShareText = (seconds: number | undefined): string => {
    if (!seconds) return '—';
    if (seconds >= PLAUSIBLE_EPOCH_S) return fmt.dateTime(seconds * 1000);
    return t('pools.atUptime', { uptime: fmt.duration(seconds) });
  };
  if (!pools.length) return <EmptyState title={t('pools.none')} />;
  return (
    <section className="panel table-panel">
      <div className="table-scroll">
        <table className="data-table" data-testid="pools-table">
          <caption className="visually-hidden">{t('pools.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('pools.col.url')}</th>
              <th scope="col">{t('pools.col.user')}</th>
              <th scope="col">{t('pools.col.status')}</th>
              <th scope="col" className="num">
                {t('pools.col.priority')}
              </th>
              <th scope="col" className="num">
                {t('pools.col.accepted')}
              </th>
              <th scope="col" className="num">
                {t('pools.col.rejected')}
              </th>
              <th scope="col" className="num">
                {t('pools.col.difficulty')}
              </th>
              <th scope="col" className="num">
                {t('pools.col.lastShare')}
              </th>
            </tr>
          </thead>
          <tbody>
            {pools.map((p) => (
              <tr key={p.index} className={p.active ? 'row-active' : undefined}>
                <td>{p.index}</td>
                <td className="mono cell-wrap">
                  {p.url}
                  {p.active ? <span className="tag tag-active">{t('pools.active')}</span> : null}
                </td>
                <td className="mono cell-wrap">{p.user ?? '—'}</td>
                <td>{p.status}</td>
                <td className="num">{fmt.number(p.priority, 0)}</td>
                <td className="num">{fmt.number(p.accepted, 0)}</td>
                <td className="num">{fmt.number(p.rejected, 0)}</td>
                <td className="num">{fmt.number(p.difficulty, 0)}</td>
                <td className="num">{lastShareText(p.lastShareTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
