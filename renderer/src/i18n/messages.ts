// Types and lookup for the typed dictionaries. English is the reference: its
// keys are every key, and a placeholder `{name}` in its text is a required,
// typed argument of `translate`.
import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import type { Settings } from '../../../electron/contract/api.js';
import type { PlaceholdersOf } from '../../../electron/contract/message-text.js';

export type Language = Settings['language'];
export type MessageKey = keyof typeof en;
/** What every other language must provide: each English key, as a string. */
export type Messages = { readonly [K in MessageKey]: string };

export type MessageArgs<K extends MessageKey> = [PlaceholdersOf<(typeof en)[K]>] extends [never]
  ? []
  : [values: Record<PlaceholdersOf<(typeof en)[K]>, string | number>];

export const dictionaries: Readonly<Record<Language, Messages>> = { en, 'zh-CN': zhCN };

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** The names in `{name}` placeholders of a text, for checks that both languages agree. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export function translate<K extends MessageKey>(messages: Messages, key: K, ...args: MessageArgs<K>): string {
  const text = messages[key];
  const values = args[0] as Record<string, string | number> | undefined;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The closest supported language for a BCP 47 tag such as navigator.language. */
export { languageForLocale as languageFor } from '../../../electron/contract/language.js';

/** Keys whose text has no placeholders: safe to pass around and translate without values. */
export type PlainMessageKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];
