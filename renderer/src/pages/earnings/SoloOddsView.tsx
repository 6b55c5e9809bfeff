// Solo odds in plain words: the chance of at least one block in a day, week,
// month and year ("about 1 in 4,300"), the expected time to a block, and the
// best share next to the network difficulty.
import type { SoloOdds } from '../../../../electron/contract/earnings.js';
import { useI18n } from '../../i18n/context.js';
import { useEarningsFormat } from './useEarningsFormat.js';

export function SoloOddsView({ solo, testId }: { solo: SoloOdds; testId: string }) {
  const { t } = useI18n();
  const f = useEarningsFormat();
  return (
    <div className="earnings-solo" data-testid={testId}>
      <dl className="kv-grid">
        {solo.chances.map((c) => (
          <div className="figure" key={c.period} data-testid={`solo-${c.period}`}>
            <dt>{t(`earnings.solo.chance.${c.period}`)}</dt>
            <dd>{f.chance(c.text)}</dd>
          </div>
        ))}
        <div className="figure" data-testid="solo-expected">
          <dt>{t('earnings.solo.expected')}</dt>
          <dd>{f.duration(solo.expectedTimeText)}</dd>
        </div>
        {solo.bestShare ? (
          <div className="figure" data-testid="solo-best-share">
            <dt>{t('earnings.solo.bestShare')}</dt>
            <dd>
              {t('earnings.solo.bestShareValue', {
                share: f.large(solo.bestShare.difficulty),
                ratio: f.ratio(solo.bestShare.ratioToNetwork),
                difficulty: f.large(solo.difficulty),
              })}
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
