// USB sticks in the fleet dashboard, below the network miners. Nothing is
// shown on a computer without sticks (the USB mining page says why).
import '../../styles/usb.css';
import { useI18n } from '../../i18n/context.js';
import { hrefFor } from '../../routing.js';
import { UsbStickTable } from './UsbStickTable.js';
import { useUsbList } from './useUsb.js';

export function UsbFleetSection() {
  const { t } = useI18n();
  const { list } = useUsbList();
  if (!list || list.sticks.length === 0) return null;
  const mining = list.sticks.filter((s) => s.state === 'mining').length;
  return (
    <section className="panel table-panel usb-fleet" aria-labelledby="usb-fleet-title" data-testid="usb-fleet">
      <div className="table-toolbar">
        <h2 id="usb-fleet-title" className="panel-title">
          {t('usb.table.title')}
        </h2>
        <span className="toolbar-count" aria-live="polite">
          {t('usb.table.summary', { mining, total: list.sticks.length })}
        </span>
        <a className="button button-small" href={hrefFor({ page: 'usb' })}>
          {t('usb.table.manage')}
        </a>
      </div>
      <UsbStickTable sticks={list.sticks} caption={t('usb.table.caption')} />
    </section>
  );
}
