// Texts the core generated (health checks, tuning results) in the active
// language: rendered from the dictionary by their key and parameters, or
// shown as the English the core sent when the text has no key or a key this
// version does not know (a report or audit entry from a newer version).
import { ENGLISH_SEPARATORS, formatMessage, type MessageJoin, type MessageLanguage, type MessageText } from '../../../electron/contract/message-text.js';
import { dictionaries, type Language } from './messages.js';

/** Only the core's own keys are looked up: a hostile bundle cannot pull in other UI texts. */
const CORE_PREFIXES = ['health.', 'tune.'];

const SEPARATORS: Readonly<Record<Language, Readonly<Record<MessageJoin, string>>>> = {
  en: ENGLISH_SEPARATORS,
  'zh-CN': { list: '；', series: '、' },
};

function languageOf(language: Language): MessageLanguage {
  const messages: Readonly<Record<string, string>> = dictionaries[language];
  return {
    template: (key) => (CORE_PREFIXES.some((p) => key.startsWith(p)) && Object.hasOwn(messages, key) ? messages[key] : undefined),
    separators: SEPARATORS[language],
  };
}

const LANGUAGES: Readonly<Record<Language, MessageLanguage>> = { en: languageOf('en'), 'zh-CN': languageOf('zh-CN') };

export function coreText(language: Language, text: MessageText | undefined, english: string): string {
  if (text === undefined) return english;
  return formatMessage(text, LANGUAGES[language]) ?? english;
}
