// The tuning core's texts: keyed from the English templates in the contract
// (electron/contract/tuning-messages.ts), and rendered to English from the
// same templates, so the CLI's English and the key the renderer translates
// cannot drift apart. The device's own words are parameters, never keys.
import { TUNING_TEMPLATES, type TuningMessageKey } from '../../contract/tuning-messages.js';
import { defineMessages, type MessageParam, type MessageText } from '../../contract/message-text.js';

export const TUNING_MESSAGES = defineMessages(TUNING_TEMPLATES);

/** Every key the tuning core can emit. */
export const TUNING_MESSAGE_KEYS = Object.keys(TUNING_MESSAGES.templates) as TuningMessageKey[];

export const tuningText = TUNING_MESSAGES.text;
export const tuningEnglish = TUNING_MESSAGES.english;

/** A result's message: the English for the CLI and old readers, the keyed text for the window. */
export function said(text: MessageText): { message: string; text: MessageText } {
  return { message: tuningEnglish(text), text };
}

/** The text with every string parameter passed through `redact` (secrets in pool fields). */
export function redactMessage(text: MessageText, redact: (s: string) => string): MessageText {
  const param = (p: MessageParam): MessageParam => {
    if (typeof p === 'string') return redact(p);
    if (typeof p === 'number') return p;
    if ('items' in p) return { join: p.join, items: p.items.map(param) };
    return redactMessage(p, redact);
  };
  if (text.params === undefined) return { key: text.key };
  return { key: text.key, params: Object.fromEntries(Object.entries(text.params).map(([k, v]) => [k, param(v)])) };
}
