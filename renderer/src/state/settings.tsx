// Settings and app info from the core. Language and theme apply to the page
// here; a change is sent with settings.set and confirmed by settings.changed.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, Settings } from '../../../electron/contract/api.js';
import { toRequestError } from '../api/errors.js';
import { languageFor } from '../i18n/messages.js';
import { applyTheme, watchSystemTheme } from '../theme.js';
import { useApi, useConnection, useEvent } from './api.js';

interface SettingsApi {
  /** Undefined until the first settings.get answers. */
  settings?: Settings;
  appInfo?: AppInfo;
  loadError?: string;
  update(patch: Partial<Settings>): Promise<void>;
}

const SettingsContext = createContext<SettingsApi | null>(null);

// The core cannot know the user's language before they choose one, so the
// first run adopts the browser's and remembers that it did.
const LANGUAGE_CHOSEN_KEY = 'hearth.languageChosen';

function languageWasChosen(): boolean {
  try {
    return window.localStorage.getItem(LANGUAGE_CHOSEN_KEY) === '1';
  } catch {
    return true; // storage unavailable: never override what the core has
  }
}

function rememberLanguageChosen(): void {
  try {
    window.localStorage.setItem(LANGUAGE_CHOSEN_KEY, '1');
  } catch {
    // storage unavailable: the default is offered again next time, harmless
  }
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { generation } = useConnection();
  const [settings, setSettings] = useState<Settings>();
  const [appInfo, setAppInfo] = useState<AppInfo>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    let live = true;
    Promise.all([api.request('settings.get', {}), api.request('app.info', {})]).then(
      async ([loaded, info]) => {
        if (!live) return;
        setAppInfo(info);
        setLoadError(undefined);
        const preferred = languageFor(navigator.language);
        if (!languageWasChosen() && loaded.language !== preferred) {
          rememberLanguageChosen();
          loaded = await api.request('settings.set', { language: preferred }).catch(() => loaded);
        } else {
          rememberLanguageChosen();
        }
        if (live) setSettings(loaded);
      },
      (error: unknown) => {
        if (live) setLoadError(toRequestError(error).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, generation]);

  useEvent('settings.changed', setSettings);

  const theme = settings?.theme ?? 'system';
  useEffect(() => {
    applyTheme(theme);
    return theme === 'system' ? watchSystemTheme(() => applyTheme('system')) : undefined;
  }, [theme]);

  const language = settings?.language;
  useEffect(() => {
    if (language) document.documentElement.lang = language;
  }, [language]);

  const update = useCallback(
    async (patch: Partial<Settings>) => {
      if (patch.language) rememberLanguageChosen();
      setSettings(await api.request('settings.set', patch));
    },
    [api],
  );

  const value = useMemo(() => ({ settings, appInfo, loadError, update }), [settings, appInfo, loadError, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsApi {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
