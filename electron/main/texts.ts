// The words the desktop shell shows itself (tray menu and tooltip, desktop
// notifications) in the app's languages. Plain data and pure functions, no
// electron import, so both dictionaries are checked by unit tests. The
// renderer has its own dictionaries (renderer/src/i18n); the alert names here
// match its alert rule names.
import type { Settings } from '../contract/api.js';
import { ENGLISH_SEPARATORS, formatMessage, type MessageJoin, type MessageLanguage, type TemplateArgs } from '../contract/message-text.js';

export type Language = Settings['language'];

const en = {
  'tray.open': 'Open Hearth',
  'tray.pause': 'Pause polling',
  'tray.resume': 'Resume polling',
  'tray.login': 'Start at login',
  'tray.quit': 'Quit Hearth',
  'tray.tooltip': 'Hearth: {hashrate} · {online}/{devices} online · {alerts}',
  'tray.paused': '{summary} · polling paused',
  'tray.alerts.none': 'no alerts',
  'tray.alerts.one': '1 alert',
  'tray.alerts.many': '{count} alerts',
  'tray.alerts.critical': '{alerts} ({critical} critical)',
  'notice.title': 'Hearth: {alert}',
  'notice.burst.title': 'Hearth: {count} alerts',
  'notice.burst.devices': '{devices}',
  'notice.burst.more': '{devices} and {more} more',
  'alert.offline': 'Device offline',
  'alert.overheat': 'Overheating',
  'alert.fan-stopped': 'Fan stopped',
  'alert.board-error': 'Hash board error',
  'alert.pool-down': 'Pool down',
  'alert.hashrate-low': 'Hash rate low',
  'alert.hw-errors': 'Hardware errors',
  'alert.rebooted': 'Device restarted',
} as const;

export type ShellTextKey = keyof typeof en;

const zhCN: { readonly [K in ShellTextKey]: string } = {
  'tray.open': '打开 Hearth',
  'tray.pause': '暂停轮询',
  'tray.resume': '恢复轮询',
  'tray.login': '登录时启动',
  'tray.quit': '退出 Hearth',
  'tray.tooltip': 'Hearth：{hashrate} · {online}/{devices} 在线 · {alerts}',
  'tray.paused': '{summary} · 轮询已暂停',
  'tray.alerts.none': '无警报',
  'tray.alerts.one': '1 个警报',
  'tray.alerts.many': '{count} 个警报',
  'tray.alerts.critical': '{alerts}（{critical} 个严重）',
  'notice.title': 'Hearth：{alert}',
  'notice.burst.title': 'Hearth：{count} 个警报',
  'notice.burst.devices': '{devices}',
  'notice.burst.more': '{devices} 及另外 {more} 台',
  'alert.offline': '设备离线',
  'alert.overheat': '过热',
  'alert.fan-stopped': '风扇停转',
  'alert.board-error': '算力板错误',
  'alert.pool-down': '矿池不可用',
  'alert.hashrate-low': '算力偏低',
  'alert.hw-errors': '硬件错误',
  'alert.rebooted': '设备已重启',
};

export const SHELL_TEXTS: Readonly<Record<Language, Readonly<Record<ShellTextKey, string>>>> = { en, 'zh-CN': zhCN };

/** The same separators as the renderer's (renderer/src/i18n/core-text.ts). */
const SEPARATORS: Readonly<Record<Language, Readonly<Record<MessageJoin, string>>>> = {
  en: ENGLISH_SEPARATORS,
  'zh-CN': { list: '；', series: '、' },
};

/** Renders one text; a list parameter (listOf) is joined with the language's separator. */
export type Translate = <K extends ShellTextKey>(key: K, ...args: TemplateArgs<(typeof en)[K]>) => string;

export function translator(language: Language): Translate {
  const templates = SHELL_TEXTS[language];
  const catalog: MessageLanguage = {
    template: (key) => (Object.hasOwn(templates, key) ? templates[key as ShellTextKey] : undefined),
    separators: SEPARATORS[language],
  };
  return (key, ...args) => {
    const params = args[0];
    // Every key is in both dictionaries (typed above), so the key itself is never shown.
    return formatMessage(params === undefined ? { key } : { key, params }, catalog) ?? key;
  };
}

/** The app language for an OS locale (Electron's app.getLocale()), by the same rule as the renderer. */
export { languageForLocale } from '../contract/language.js';
