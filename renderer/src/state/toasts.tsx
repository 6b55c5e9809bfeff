// Short-lived notices: successes fade on their own, errors stay until read.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'success' | 'error' | 'info';
export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

interface ToastApi {
  toasts: readonly Toast[];
  push(tone: ToastTone, message: string): void;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const AUTO_DISMISS_MS: Record<ToastTone, number | undefined> = { success: 5000, info: 5000, error: undefined };
const MAX_TOASTS = 4;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (tone: ToastTone, message: string) => {
      const id = nextId.current++;
      setToasts((list) => [...list, { id, tone, message }].slice(-MAX_TOASTS));
      const after = AUTO_DISMISS_MS[tone];
      if (after !== undefined) setTimeout(() => dismiss(id), after);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ toasts, push, dismiss }), [toasts, push, dismiss]);
  return <ToastContext.Provider value={value}>{children}</ToastContext.Provider>;
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts outside ToastProvider');
  return api;
}
