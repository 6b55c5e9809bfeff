import type { DeviceSnapshot, Module } from '../../../../electron/contract/snapshot.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/context.js';

function errorText(code: number | undefined): string {
  if (code === undefined) return '—';
  return code === 0 ? '0' : `${code} (0x${code.toString(16)})`;
}

function ModulePanel({ module }: { module: Module }) {
  const { t, fmt } = useI18n();
  return (
    <section className="panel" aria-label={module.key}>
      <div className="panel-head">
        <h2 className="panel-title">{module.key}</h2>
        <span className={`tag tag-state-${module.state}`}>{t(`module.state.${module.state}`)}</span>
      </div>
      <dl className="kv-grid compact">
        <div className="figure">
          <dt>{t('module.inlet')}</dt>
          <dd>{fmt.temperature(module.tempInletC)}</dd>
        </div>
        <div className="figure">
          <dt>{t('module.outlet')}</dt>
          <dd>{fmt.temperature(module.tempOutletC)}</dd>
        </div>
        <div className="figure">
          <dt>{t('module.target')}</dt>
          <dd>{fmt.temperature(module.tempTargetC)}</dd>
        </div>
        <div className="figure">
          <dt>{t('module.frequency')}</dt>
          <dd>{module.frequencyMhz === undefined ? '—' : `${fmt.number(module.frequencyMhz, 0)} MHz`}</dd>
        </div>
        <div className="figure">
          <dt>{t('module.workMode')}</dt>
          <dd>{fmt.number(module.workMode, 0)}</dd>
        </div>
        <div className="figure">
          <dt>{t('module.fans')}</dt>
          <dd data-testid="module-fans">
            {module.fansRpm.length ? module.fansRpm.map((rpm) => fmt.rpm(rpm)).join(' · ') : '—'}
            {module.fanPercent === undefined ? '' : ` (${fmt.number(module.fanPercent, 0)} %)`}
          </dd>
        </div>
        <div className="figure">
          <dt>{t('module.errors')}</dt>
          <dd className="mono">
            ECHU [{module.errorCodes.echu.join(' ')}] · ECMM [{module.errorCodes.ecmm.join(' ')}]
          </dd>
        </div>
      </dl>
      {module.boards.length ? (
        <div className="table-scroll">
          <table className="data-table" data-testid="boards-table">
            <caption className="visually-hidden">{t('boards.caption', { module: module.key })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('boards.col.board')}</th>
                <th scope="col" className="num">
                  {t('boards.col.hashrate')}
                </th>
                <th scope="col" className="num">
                  {t('boards.col.tempMax')}
                </th>
                <th scope="col" className="num">
                  {t('boards.col.tempAvg')}
                </th>
                <th scope="col" className="num">
                  {t('boards.col.voltage')}
                </th>
                <th scope="col" className="num">
                  {t('boards.col.error')}
                </th>
              </tr>
            </thead>
            <tbody>
              {module.boards.map((b) => (
                <tr key={b.index}>
                  <th scope="row">{t('boards.board', { n: b.index + 1 })}</th>
                  <td className="num">{fmt.hashrate(b.ghs)}</td>
                  <td className="num">{fmt.temperature(b.tempMaxC)}</td>
                  <td className="num">{fmt.temperature(b.tempAvgC)}</td>
                  <td className="num">{fmt.number(b.voltageAvg, 1)}</td>
                  <td className={`num mono${b.errorCode ? ' bad' : ''}`}>{errorText(b.errorCode)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function BoardsPanel({ snapshot }: { snapshot: DeviceSnapshot | undefined }) {
  const { t } = useI18n();
  if (!snapshot?.modules.length) return <EmptyState title={t('boards.none')} />;
  return (
    <div className="stack">
      {snapshot.modules.map((m) => (
        <ModulePanel key={m.key} module={m} />
      ))}
    </div>
  );
}
