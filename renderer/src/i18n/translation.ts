// A translation of a catalog of English templates kept in the contract (the
// texts the core generates): the compiler requires every key of the catalog,
// no other key, and in each text exactly the placeholders of the English one,
// so a translation cannot lose or misspell a value the core fills in.
import type { PlaceholdersOf } from '../../../electron/contract/message-text.js';

type Catalog = Readonly<Record<string, string>>;

type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * What a translated text must also be: nothing more when its placeholders
 * match the English, else an impossible brand whose message names the English
 * (an object, not a literal, so the compiler reports that key alone).
 */
type Checked<English extends string, Text> = string extends Text
  ? unknown // not a literal: a key is missing and T fell back to its constraint, which names the key
  : Text extends string
    ? SameNames<PlaceholdersOf<English>, PlaceholdersOf<Text>> extends true
      ? unknown
      : { mismatch: `needs the placeholders of: ${English}` }
    : unknown;

export type TranslationOf<E extends Catalog, T> = { readonly [K in keyof E]: Checked<E[K], K extends keyof T ? T[K] : never> } & {
  readonly [K in Exclude<keyof T, keyof E>]: { mismatch: 'not a key of the English catalog' };
};

/** `translationOf<typeof TEMPLATES>()({...})` returns the texts unchanged; the check is the compiler's. */
export function translationOf<E extends Catalog>() {
  return <const T extends { readonly [K in keyof E]: string }>(texts: T & NoInfer<TranslationOf<E, T>>): T => texts;
}
