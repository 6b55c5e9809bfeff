// The device page's earnings tab: this device's expected earnings after the
// pool fee and electricity, which hashrate and power they rest on, and its
// odds of a solo block.
import '../../styles/earnings.css';
import type { DeviceStatus } from '../../../../electron/contract/fleet.js';
import { Loading } from '../../components/EmptyState.js';
import { useI18n } from '../../i18n/context.js';
import { hrefFor } from '../../routing.js';
import { EstimateInputs, EstimateNotes, MissingInputs, PeriodTable } from '../earnings/EstimateView.js';
import { SoloOddsView } from '../earnings/SoloOddsView.js';
import { useDeviceEarnings } from '../earnings/useEarnings.js';

export function EarningsPanel({ deviceId, status }: { deviceId: string; status: DeviceStatus }) {
  const { t } = useI18n();
  const { earnings, error } = useDeviceEarnings(deviceId);
  return (
    <div className="stack" data-testid="device-earnings">
      {error ? (
        <p className="inline-error" role="alert">
          {t('earnings.loadFailed', { message: error })}
        </p>
      ) : null}
      {!earnings ? (
        error ? null : <Loading label={t('earnings.loading')} />
      ) : (
        <>
          <section className="panel" aria-labelledby="device-earnings-title">
            <div className="panel-head earnings-panel-head">
              <h2 className="panel-title" id="device-earnings-title">
                {t('earnings.title')}
              </h2>
              <a href={hrefFor({ page: 'earnings' })}>{t('earnings.device.settingsLink')}</a>
            </div>
            {earnings.estimate ? (
              <>
                <EstimateInputs estimate={earnings.estimate} />
                <PeriodTable estimate={earnings.estimate} testId="device-earnings-periods" />
                <EstimateNotes estimate={earnings.estimate} />
              </>
            ) : status !== 'online' ? (
              <p className="muted">{t('earnings.device.notHashing', { status: t(`status.${status}`) })}</p>
            ) : (
              <MissingInputs missing={earnings.missing} />
            )}
          </section>
          {earnings.solo ? (
            <section className="panel" aria-labelledby="device-solo-title">
              <h2 className="panel-title" id="device-solo-title">
                {t('earnings.solo.title')}
              </h2>
              <SoloOddsView solo={earnings.solo} testId="device-solo" />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
