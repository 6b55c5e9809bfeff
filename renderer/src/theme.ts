// Light / dark / system: the resolved theme is a `data-theme` attribute on
// <html>; every colour is a CSS custom property keyed on it.
import type { Settings } from '../../electron/contract/api.js';

export type ResolvedTheme = 'light' | 'dark';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Settings['theme'], systemDark: boolean): ResolvedTheme {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

export function applyTheme(theme: Settings['theme']): void {
  const resolved = resolveTheme(theme, window.matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset.theme = resolved;
  window.dispatchEvent(new CustomEvent<ResolvedTheme>('hearth-theme', { detail: resolved }));
}

export function watchSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Current value of a CSS custom property, for drawing code (charts) that cannot use var(). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
