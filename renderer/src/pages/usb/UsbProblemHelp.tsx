// What to do when a stick cannot be used: the exact udev command on Linux, the
// driver explanation on Windows, "close the other program" when it is busy.
import type { UsbProblem } from '../../../../electron/contract/usb.js';
import { useI18n } from '../../i18n/context.js';
import { useToasts } from '../../state/toasts.js';

export function UsbProblemHelp({ problem, platform }: { problem: UsbProblem; platform: string }) {
  const { t } = useI18n();
  const { push } = useToasts();
  if (problem.code === 'unsupported') {
    return (
      <p className="banner banner-warn" data-testid="usb-problem">
        {t('usb.problem.unsupported')}
      </p>
    );
  }
  const refused = problem.code === 'access-denied' || problem.code === 'driver-missing';
  if (!refused && problem.code !== 'busy') {
    return (
      <p className="banner banner-error" role="alert" data-testid="usb-problem">
        {t('usb.problem.other', { message: problem.message })}
      </p>
    );
  }
  const guidance = problem.code === 'busy' || (refused && platform === 'darwin') ? t('usb.access.busy') : platform === 'win32' ? t('usb.access.windows') : platform === 'linux' ? t('usb.access.linux') : problem.fix;
  const copy = async (command: string) => {
    try {
      await navigator.clipboard.writeText(command);
      push('success', t('usb.access.copied'));
    } catch (e) {
      push('error', String(e));
    }
  };
  return (
    <section className="panel usb-problem" role="alert" aria-labelledby="usb-problem-title" data-testid="usb-problem" data-code={problem.code}>
      <h2 id="usb-problem-title" className="panel-title">
        {problem.code === 'busy' ? t('usb.access.busyTitle') : t('usb.access.title')}
      </h2>
      {guidance ? <p>{guidance}</p> : null}
      {problem.command ? (
        <div className="usb-command">
          <code className="mono" data-testid="usb-command">
            {problem.command}
          </code>
          <button type="button" className="button button-small" onClick={() => void copy(problem.command ?? '')}>
            {t('usb.access.copy')}
          </button>
        </div>
      ) : null}
      <p className="help">{t('usb.access.said', { message: problem.message })}</p>
    </section>
  );
}
