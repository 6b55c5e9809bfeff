// Per-chip temperatures and voltages of every hash board as a heat map, with
// chips far from their board's median outlined, and the same readings as a
// table for screen readers and for reading exact values.
import { useId, useState } from 'react';
import type { BoardHeatMap, ChipOutlier } from '../../../electron/contract/diagnostics.js';
import { useI18n } from '../i18n/context.js';
import { chipValues, HEAT_STEPS, heatRange, heatStep, type HeatKind } from './logic.js';

function useUnit(kind: HeatKind) {
  const { fmt } = useI18n();
  return (value: number | undefined): string => (kind === 'temperature' ? fmt.temperature(value) : value === undefined ? '—' : `${fmt.number(value, 2)} V`);
}

function outlierOf(map: BoardHeatMap, chip: number, kind: HeatKind): ChipOutlier | undefined {
  return map.outliers.find((o) => o.chip === chip && o.kind === kind);
}

function FlagText({ map, chip }: { map: BoardHeatMap; chip: number }) {
  const { t } = useI18n();
  const unitT = useUnit('temperature');
  const unitV = useUnit('voltage');
  const flags = map.outliers
    .filter((o) => o.chip === chip)
    .map((o) =>
      o.silent
        ? t('diagnostics.heat.flag.silent')
        : t('diagnostics.heat.flag.off', {
            kind: t(o.kind === 'temperature' ? 'diagnostics.heat.temperature' : 'diagnostics.heat.voltage'),
            delta: `${o.delta > 0 ? '+' : ''}${o.kind === 'temperature' ? unitT(o.delta) : unitV(o.delta)}`,
          }),
    );
  return <>{flags.join('; ')}</>;
}

function BoardMap({ map, kind, range }: { map: BoardHeatMap; kind: HeatKind; range: { min: number; max: number } }) {
  const { t } = useI18n();
  const unit = useUnit(kind);
  const values = chipValues(map, kind);
  const median = kind === 'temperature' ? map.medianTempC : map.medianVoltage;
  const flagged = map.outliers.filter((o) => o.kind === kind).length;
  const name = t('diagnostics.heat.board', { module: map.module, n: map.board + 1 });
  return (
    <figure className="heat-board" data-testid="heat-board">
      <figcaption>
        <strong>{name}</strong> <span className="muted">{t('diagnostics.heat.median', { value: unit(median) })}</span>
        {' · '}
        <span className={flagged ? 'heat-flagged' : 'muted'}>{flagged ? t('diagnostics.heat.outliers', { n: flagged }) : t('diagnostics.heat.noOutliers')}</span>
      </figcaption>
      {/* The table below carries the same readings for assistive technology. */}
      <div className="heat-grid" aria-hidden="true">
        {values.map((v, chip) => {
          const step = heatStep(v, range);
          const outlier = outlierOf(map, chip, kind);
          return (
            <span
              key={chip}
              className={`heat-cell ${step < 0 ? 'heat-none' : `heat-${step}`}${outlier ? ' heat-outlier' : ''}`}
              title={`${t('diagnostics.heat.col.chip')} ${chip}: ${unit(v)}`}
              data-testid={outlier ? 'heat-outlier' : undefined}
            />
          );
        })}
      </div>
    </figure>
  );
}

function BoardTable({ map }: { map: BoardHeatMap }) {
  const { t } = useI18n();
  const unitT = useUnit('temperature');
  const unitV = useUnit('voltage');
  const count = Math.max(map.chipTempsC.length, map.chipVoltages.length);
  const name = t('diagnostics.heat.board', { module: map.module, n: map.board + 1 });
  return (
    <div className="table-scroll heat-table">
      <table className="data-table" data-testid="heat-table">
        <caption>{t('diagnostics.heat.caption', { board: name })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('diagnostics.heat.col.chip')}
            </th>
            <th scope="col" className="num">
              {t('diagnostics.heat.col.temp')}
            </th>
            <th scope="col" className="num">
              {t('diagnostics.heat.col.voltage')}
            </th>
            <th scope="col">{t('diagnostics.heat.col.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: count }, (_, chip) => (
            <tr key={chip} className={map.outliers.some((o) => o.chip === chip) ? 'row-flagged' : undefined}>
              <th scope="row" className="num">
                {chip}
              </th>
              <td className="num">{unitT(map.chipTempsC[chip])}</td>
              <td className="num">{unitV(map.chipVoltages[chip])}</td>
              <td>
                <FlagText map={map} chip={chip} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HeatMaps({ maps }: { maps: readonly BoardHeatMap[] }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<HeatKind>('temperature');
  const [asTable, setAsTable] = useState(false);
  const group = useId();
  if (maps.length === 0) return <p className="muted">{t('diagnostics.heat.none')}</p>;
  const range = heatRange(maps, kind);
  return (
    <div className="heat-maps">
      <div className="heat-toolbar">
        {asTable ? null : (
          <div className="segmented" role="radiogroup" aria-label={t('diagnostics.heat.metric')}>
            {(['temperature', 'voltage'] as const).map((k) => (
              <label key={k} className="segment">
                <input type="radio" name={group} checked={kind === k} onChange={() => setKind(k)} data-testid={`heat-kind-${k}`} />
                <span>{t(k === 'temperature' ? 'diagnostics.heat.temperature' : 'diagnostics.heat.voltage')}</span>
              </label>
            ))}
          </div>
        )}
        <button type="button" className="button button-small" onClick={() => setAsTable((v) => !v)} aria-pressed={asTable} data-testid="heat-toggle-table">
          {asTable ? t('diagnostics.heat.showMap') : t('diagnostics.heat.showTable')}
        </button>
        {asTable || range === undefined ? null : (
          <span className="heat-legend" aria-hidden="true">
            {t('diagnostics.heat.legend.low')}
            {Array.from({ length: HEAT_STEPS }, (_, i) => (
              <span key={i} className={`heat-cell heat-${i}`} />
            ))}
            {t('diagnostics.heat.legend.high')}
          </span>
        )}
      </div>
      {asTable ? (
        maps.map((m) => <BoardTable key={`${m.module}/${m.board}`} map={m} />)
      ) : (
        <>
          {range === undefined ? null : maps.map((m) => <BoardMap key={`${m.module}/${m.board}`} map={m} kind={kind} range={range} />)}
          {/* Screen readers get the readings as tables while the map is shown. */}
          <div className="visually-hidden">
            {maps.map((m) => (
              <BoardTable key={`${m.module}/${m.board}`} map={m} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
