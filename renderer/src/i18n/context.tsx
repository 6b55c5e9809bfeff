// The active language in React context: `t` for text, `fmt` for numbers and dates.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createFormatter, type Formatter } from './format.js';
import { dictionaries, translate, type Language, type MessageArgs, type MessageKey } from './messages.js';

export interface I18n {
  language: Language;
  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
  fmt: Formatter;
}

function createI18n(language: Language): I18n {
  const messages = dictionaries[language];
  return {
    language,
    t: (key, ...args) => translate(messages, key, ...args),
    fmt: createFormatter(language, messages),
  };
}

const I18nContext = createContext<I18n>(createI18n('en'));

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo(() => createI18n(language), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
