import { useI18n } from '../i18n/context.js';
import { useToasts } from '../state/toasts.js';
import { CloseIcon } from './Icons.js';

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  const { t } = useI18n();
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
          <span>{toast.message}</span>
          <button type="button" className="icon-button" onClick={() => dismiss(toast.id)} aria-label={t('action.dismiss')}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
