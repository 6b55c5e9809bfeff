// Stored-history charts for a device or the fleet: a range selector (1 h to
// all), the five charts from one history.query, and a CSV export per chart.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HistoryRange, HistorySeries, HistoryTarget } from '../../../../electron/contract/history.js';
import { toRequestError } from '../../api/errors.js';
import { TimeSeriesChart, type ChartSeries } from '../../components/TimeSeriesChart.js';
import { CHART_METRICS, CHART_POINTS, CHARTS, RANGES, column, peak, refreshMs, type ChartDef } from '../../history/charts.js';
import { downloadFile } from '../../download.js';
import { ghsPerUnit, scaleHashrate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/context.js';
import { useApi } from '../../state/api.js';
import { useToasts } from '../../state/toasts.js';
import '../../styles/history.css';

const COLORS = ['--chart-1', '--chart-2'] as const;

function useHistory(target: HistoryTarget, range: HistoryRange) {
  const api = useApi();
  const [series, setSeries] = useState<HistorySeries>();
  const [error, setError] = useState<string>();
  const targetKey = JSON.stringify(target);
  const key = `${targetKey}|${range}`;
  /** Which target and range the shown answer (or error) is for: loading until it is the current one. */
  const [answered, setAnswered] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const next = await api.request('history.query', { target: JSON.parse(targetKey) as HistoryTarget, metrics: [...CHART_METRICS], range, maxPoints: CHART_POINTS });
        if (cancelled) return;
        setSeries(next);
        setError(undefined);
      } catch (e) {
        if (!cancelled) setError(toRequestError(e).message);
      } finally {
        if (!cancelled) setAnswered(`${targetKey}|${range}`);
      }
    };
    void load();
    const timer = setInterval(() => void load(), refreshMs(range));
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api, targetKey, range]);

  return { series, error, loading: answered !== key };
}

function HistoryChart({ chart, series, target, range }: { chart: ChartDef; series: HistorySeries | undefined; target: HistoryTarget; range: HistoryRange }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const { push } = useToasts();
  const [exporting, setExporting] = useState(false);
  const title = t(`history.chart.${chart.key}`);

  const view = useMemo(() => {
    const hashUnit = scaleHashrate(peak(series, 'ghs')).unit;
    const per = chart.key === 'hashrate' ? ghsPerUnit(hashUnit) : 1;
    const lines: ChartSeries[] = chart.metrics.map((metric, i) => ({
      label: t(`history.series.${metric}`),
      colorVar: COLORS[i % COLORS.length]!,
      values: (column(series, metric) ?? []).map((v) => (v === undefined ? undefined : v / per)),
    }));
    const unit = { hashrate: hashUnit, temperature: '°C', fans: 'rpm', power: 'W', efficiency: 'J/TH' }[chart.key];
    const format = (v: number): string => {
      switch (chart.key) {
        case 'hashrate':
          return fmt.hashrate(v * per);
        case 'temperature':
          return fmt.temperature(v);
        case 'fans':
          return fmt.rpm(v);
        case 'power':
          return fmt.power(v);
        case 'efficiency':
          return fmt.efficiency(v);
      }
    };
    return { lines, unit, format };
  }, [series, chart, t, fmt]);

  const times = useMemo(() => series?.t ?? [], [series]);
  const points = times.filter((_, i) => view.lines.some((l) => l.values[i] !== undefined)).length;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await api.request('history.csv', { target, metrics: [...chart.metrics], range, maxPoints: CHART_POINTS });
      downloadFile(file.fileName, file.csv, 'text/csv;charset=utf-8');
      push('success', t('history.csvDone', { file: file.fileName }));
    } catch (e) {
      push('error', t('history.csvFailed', { message: toRequestError(e).message }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section
      className="history-chart"
      data-testid={`history-chart-${chart.key}`}
      data-points={points}
      data-from={series?.from}
      data-to={series?.to}
      data-first={times[0]}
      data-last={times.at(-1)}
    >
      <TimeSeriesChart
        testId={`history-canvas-${chart.key}`}
        title={title}
        unit={view.unit}
        timesMs={times}
        series={view.lines}
        formatValue={view.format}
        {...(series ? { spanMs: { from: series.from, to: series.to } } : {})}
      />
      <div className="history-chart-foot">
        <span className="muted small">{series && points > 0 ? t('history.points', { points, step: fmt.duration(series.bucketMs / 1000) }) : t('history.empty')}</span>
        <button
          type="button"
          className="button button-small"
          onClick={() => void exportCsv()}
          disabled={exporting || !series}
          aria-label={t('history.csvLabel', { chart: title })}
          data-testid={`history-csv-${chart.key}`}
        >
          {t('history.csv')}
        </button>
      </div>
    </section>
  );
}

export function HistoryCharts({ target, intro }: { target: HistoryTarget; intro?: string }) {
  const { t } = useI18n();
  const [range, setRange] = useState<HistoryRange>('1h');
  const { series, error, loading } = useHistory(target, range);
  const onRange = useCallback((r: HistoryRange) => setRange(r), []);
  const name = `history-range-${target === 'fleet' ? 'fleet' : target.deviceId}`;

  return (
    <div className="history" data-testid="history">
      <div className="history-toolbar">
        {intro ? <p className="muted">{intro}</p> : null}
        <div className="segmented" role="radiogroup" aria-label={t('history.range')} data-testid="history-range">
          {RANGES.map((r) => (
            <label key={r} className="segment">
              <input type="radio" name={name} value={r} checked={range === r} onChange={() => onRange(r)} data-testid={`history-range-${r}`} />
              <span>{t(`history.range.${r}`)}</span>
            </label>
          ))}
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {loading ? t('history.loading') : ''}
      </p>
      {error ? (
        <p className="inline-error" role="alert" data-testid="history-error">
          {t('history.loadFailed', { message: error })}
        </p>
      ) : null}
      <div className="chart-grid history-grid" aria-busy={loading}>
        {CHARTS.map((chart) => (
          <HistoryChart key={chart.key} chart={chart} series={series} target={target} range={range} />
        ))}
      </div>
    </div>
  );
}
