// The UI language a locale or browser language tag maps to: the renderer, the
// Electron shell and the service all pick it the same way.
import type { Settings } from './api.js';

/** Any Chinese tag is Simplified Chinese (the only Chinese Hearth has); anything else English. */
export function languageForLocale(tag: string | undefined): Settings['language'] {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
