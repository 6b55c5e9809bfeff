import { useMemo } from 'react';
import type { FleetDevice, Sample } from '../../../../electron/contract/fleet.js';
import { TimeSeriesChart } from '../../components/TimeSeriesChart.js';
import { currentGhs, deviceAddress, modelName, uptimeSeconds } from '../../fleet/derive.js';
import { ghsPerUnit, scaleHashrate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/context.js';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function Overview({ device, samples, historyError }: { device: FleetDevice; samples: readonly Sample[]; historyError?: string }) {
  const { t, fmt } = useI18n();
  const s = device.snapshot;
  const id = s?.identity;

  const charts = useMemo(() => {
    const times = samples.map((p) => p.t);
    const peak = Math.max(0, ...samples.map((p) => p.ghs ?? 0));
    const unit = scaleHashrate(peak).unit;
    const per = ghsPerUnit(unit);
    return {
      times,
      unit,
      hash: [{ label: t('device.chart.hashrate'), colorVar: '--chart-1', values: samples.map((p) => (p.ghs === undefined ? undefined : p.ghs / per)) }],
      temp: [{ label: t('device.chart.hottest'), colorVar: '--chart-2', values: samples.map((p) => p.tempMaxC) }],
      per,
    };
  }, [samples, t]);

  return (
    <div className="overview">
      <dl className="figures">
        <Figure label={t('device.fig.hashrate5s')} value={fmt.hashrate(currentGhs(s))} testId="device-hashrate" />
        <Figure label={t('device.fig.hashrateAvg')} value={fmt.hashrate(s?.summary.ghsAvg)} />
        <Figure label={t('device.fig.vsNominal')} value={fmt.percent(s?.derived.hashrateVsNominal)} />
        <Figure label={t('device.fig.hottest')} value={fmt.temperature(s?.derived.hottestC)} />
        <Figure label={t('device.fig.power')} value={fmt.power(s?.derived.powerW)} />
        <Figure label={t('device.fig.efficiency')} value={fmt.efficiency(s?.derived.jPerTh)} />
        <Figure label={t('device.fig.uptime')} value={fmt.duration(uptimeSeconds(s))} />
        <Figure
          label={t('device.fig.shares')}
          value={s?.summary.accepted === undefined ? '—' : `${fmt.number(s.summary.accepted, 0)} / ${fmt.number(s.summary.rejected, 0)}`}
        />
      </dl>

      {historyError ? (
        <p className="inline-error" role="alert">
          {t('device.historyFailed', { message: historyError })}
        </p>
      ) : null}
      <div className="chart-grid">
        <TimeSeriesChart
          testId="chart-hashrate"
          title={t('device.chart.hashrateTitle')}
          unit={charts.unit}
          timesMs={charts.times}
          series={charts.hash}
          formatValue={(v) => fmt.hashrate(v * charts.per)}
        />
        <TimeSeriesChart testId="chart-temperature" title={t('device.chart.tempTitle')} unit="°C" timesMs={charts.times} series={charts.temp} formatValue={(v) => fmt.temperature(v)} />
      </div>

      <section className="panel" aria-labelledby="identity-title">
        <h2 className="panel-title" id="identity-title">
          {t('device.identity')}
        </h2>
        <dl className="kv-grid" data-testid="device-identity">
          <Figure label={t('device.id.model')} value={modelName(s) ?? '—'} testId="device-model" />
          <Figure label={t('device.id.modelId')} value={id?.modelId ?? '—'} />
          <Figure label={t('device.id.firmware')} value={id?.firmware ?? '—'} />
          <Figure label={t('device.id.cgminer')} value={[id?.cgminerVersion, id?.apiVersion && `API ${id.apiVersion}`].filter(Boolean).join(' · ') || '—'} />
          <Figure label={t('device.id.hardware')} value={[id?.hwType, id?.swType].filter(Boolean).join(' · ') || '—'} />
          <Figure label={t('device.id.dna')} value={id?.dna ?? '—'} />
          <Figure label={t('device.id.mac')} value={id?.mac ?? '—'} />
          <Figure label={t('device.id.address')} value={deviceAddress(device.record)} />
          <Figure label={t('device.id.location')} value={device.record.location || '—'} />
          <Figure label={t('device.id.added')} value={fmt.dateTime(device.record.addedAt)} />
          <Figure label={t('device.id.lastPoll')} value={device.lastPollAt === undefined ? '—' : `${fmt.dateTime(device.lastPollAt)}${device.lastPollMs === undefined ? '' : ` (${fmt.number(device.lastPollMs, 0)} ms)`}`} />
          <Figure label={t('device.id.lastSuccess')} value={fmt.dateTime(device.lastSuccessAt)} />
        </dl>
      </section>
    </div>
  );
}
